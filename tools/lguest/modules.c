/*
 * QEMU reads each multiboot module as "PATH ARGS", split at the first
 * space, so a path with a space cannot be given as it is.  Such a file is
 * opened here and left open for QEMU, which inherits the descriptor and
 * reads the file as /proc/self/fd/N.  Nothing is made on disk, so nothing
 * is left behind however the run ends (a symbolic link in a temporary
 * directory would outlive a SIGKILL of lguest).  --dry-run prints the
 * same command with a shell redirection that opens descriptor N.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lguest.h"

/* The path QEMU is to load file by as a module, descriptor fd if it must
 * go through one (see above; fd is then open on it unless dry_run). */
int module_path(const char *file, int fd, int dry_run, struct module *m)
{
	m->file = file;
	m->fd = -1;
	m->path = file;
	if (!strchr(file, ' '))
		return 0;
	if (!dry_run) {
		int got = open(file, O_RDONLY);

		if (got < 0) {
			complain("%s: %s", file, strerror(errno));
			return -1;
		}
		if (got != fd && (dup2(got, fd) < 0 || close(got) < 0)) {
			complain("%s: %s", file, strerror(errno));
			return -1;
		}
	}
	m->fd = fd;
	if (asprintf(&m->proc_path, "/proc/self/fd/%d", fd) < 0)
		abort();
	m->path = m->proc_path;
	return 0;
}

/* " N<'FILE'" for each module that goes through a descriptor. */
void print_module_redirections(FILE *f, const struct options *o)
{
	const struct module *mods[] = { &o->host_mod, &o->kernel_mod, &o->initrd_mod };

	for (size_t i = 0; i < sizeof(mods) / sizeof(*mods); i++) {
		char *argv[] = { (char *)mods[i]->file, NULL };

		if (!mods[i]->proc_path)	/* not set, or no descriptor */
			continue;
		fprintf(f, " %d<", mods[i]->fd);
		print_shell_quoted(f, argv);
	}
	for (unsigned i = 1; i < o->nguests; i++) {
		const struct module *gm[] = { &o->guests[i].kernel_mod,
					      &o->guests[i].initrd_mod };

		for (unsigned j = 0; j < 2; j++) {
			char *argv[] = { (char *)gm[j]->file, NULL };

			if (!gm[j]->proc_path)
				continue;
			fprintf(f, " %d<", gm[j]->fd);
			print_shell_quoted(f, argv);
		}
	}
}
