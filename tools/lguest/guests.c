/*
 * Several Guests in one run: "--guest NAME[:KEY=VALUE,...]", once a Guest.
 * The keys are kernel=FILE, mem=SIZE, initrd=FILE, disk=FILE (and ro
 * for a read-only one), console=FILE and cmdline=TEXT; cmdline takes the
 * rest of the argument, commas and all, so it comes last; in the others
 * a comma is written twice, as QEMU's options write it.  Together the
 * Guests have at most the memory one Guest may (LGUEST_MEM_MAX): the
 * Host's machine is 32-bit.
 *
 * The first Guest has the terminal and lguest's exit status; each other
 * Guest has a virtio console of its own, which lguest console attaches
 * to (run_control.c) and QEMU logs to its console file, and its kernel's
 * messages reach stderr marked with its number ("guest2: "), as the
 * first Guest's are marked "guest: ".  Each Guest may have a disk of its
 * own, and each has the machine's entropy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <lguest/boot.h>
#include "lguest.h"

static int name_ok(const char *s, size_t n)
{
	if (!n || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789-_.", s[i]))
			return 0;
	return 1;
}

int parse_guest(const char *arg, struct options *o)
{
	struct guest_spec *g;
	const char *colon = strchr(arg, ':'), *p;
	size_t n = colon ? (size_t)(colon - arg) : strlen(arg);

	if (o->nguests == LGUEST_CLI_MAX_GUESTS) {
		complain("--guest %s: at most %u Guests", arg, LGUEST_CLI_MAX_GUESTS);
		return -1;
	}
	if (!name_ok(arg, n)) {
		complain("--guest %s: a name is 1 to 32 letters, digits, '-', '_' or '.'", arg);
		return -1;
	}
	g = &o->guests[o->nguests];
	*g = (struct guest_spec){ .name = strndup(arg, n), .mem = LGUEST_MEM_DEFAULT,
				  .qemu_console_fd = -1, .console_fd = -1 };
	for (unsigned i = 0; i < o->nguests; i++)
		if (!strcmp(o->guests[i].name, g->name)) {
			complain("--guest %s: two Guests named %s", arg, g->name);
			return -1;
		}
	for (p = colon ? colon + 1 : ""; *p; ) {
		char *value = malloc(strlen(p) + 1);
		size_t len = 0, n = 0;

		if (!strncmp(p, "cmdline=", 8)) {
			g->cmdline = p + 8;
			free(value);
			break;
		}
		/* Up to a single comma; ",," is one comma of the value. */
		for (; p[len] && (p[len] != ',' || p[len + 1] == ','); len++) {
			value[n++] = p[len];
			if (p[len] == ',')
				len++;
		}
		value[n] = '\0';
		if (!strncmp(value, "kernel=", 7) && value[7]) {
			g->kernel = value + 7;
		} else if (!strncmp(value, "initrd=", 7) && value[7]) {
			g->initrd = value + 7;
		} else if (!strncmp(value, "console=", 8) && value[8]) {
			g->console = value + 8;
		} else if (!strncmp(value, "disk=", 5) && value[5]) {
			g->disk = value + 5;
		} else if (!strcmp(value, "ro")) {
			g->disk_ro = 1;
		} else if (!strncmp(value, "mem=", 4)) {
			if (parse_size(value + 4, &g->mem) < 0) {
				complain("--guest %s: mem=%s is not a size (try 64M)", g->name,
					 value + 4);
				return -1;
			}
			if (g->mem < LGUEST_MEM_MIN || g->mem > LGUEST_MEM_MAX ||
			    g->mem % 4096) {
				complain("--guest %s: mem=%s: a Guest's memory must be from "
					 "%u MiB to %u MiB, a multiple of 4 KiB", g->name,
					 value + 4, LGUEST_MEM_MIN >> 20, LGUEST_MEM_MAX >> 20);
				return -1;
			}
		} else {
			complain("--guest %s: '%s' is none of kernel=, mem=, initrd=, "
				 "disk=, ro, console= or cmdline=", g->name, value);
			return -1;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	if (g->disk_ro && !g->disk) {
		complain("--guest %s: ro says its disk is read-only, but it has no disk=",
			 g->name);
		return -1;
	}
	o->nguests++;
	return 0;
}

/* No two Guests share a disk, unless neither may write it. */
static int disks_apart(const struct options *o)
{
	struct stat st[LGUEST_CLI_MAX_GUESTS];

	for (unsigned i = 0; i < o->nguests; i++) {
		const struct guest_spec *g = &o->guests[i];

		if (!g->disk || stat(g->disk, &st[i]) < 0)
			continue;
		for (unsigned j = 0; j < i; j++) {
			const struct guest_spec *h = &o->guests[j];

			if (h->disk && st[j].st_dev == st[i].st_dev &&
			    st[j].st_ino == st[i].st_ino && !(g->disk_ro && h->disk_ro)) {
				complain("--guest %s and --guest %s: both have the disk %s; "
					 "each Guest's disk is its own (or both ro)",
					 h->name, g->name, g->disk);
				return -1;
			}
		}
	}
	return 0;
}

/* Each Guest after the first: its files found and checked, its modules
 * on descriptors from 6 up, and where its console goes.  Unless it runs
 * a test, it boots the default initramfs with a console for a terminal,
 * which is what lguest console gives it (with the run's terminal's size,
 * if it has one). */
int prepare_guests(struct options *o)
{
	uint64_t total = 0;
	char winsize[40] = "";
	struct winsize ws;

	if (o->interactive && ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col &&
	    ws.ws_row)
		snprintf(winsize, sizeof(winsize), " winsize=%ux%u", ws.ws_col, ws.ws_row);

	for (unsigned i = 0; i < o->nguests; i++)
		total += o->guests[i].mem;
	if (total > LGUEST_MEM_MAX) {
		complain("the Guests' memory is %llu MiB together, over the limit of %u MiB",
			 (unsigned long long)(total >> 20), LGUEST_MEM_MAX >> 20);
		return -1;
	}
	for (unsigned i = 1; i < o->nguests; i++) {
		struct guest_spec *g = &o->guests[i];

		int testing = g->cmdline && (!strncmp(g->cmdline, "test=", 5) ||
					     strstr(g->cmdline, " test="));

		if (!g->kernel)
			g->kernel = path_beside_self("guest.elf");
		if (!testing) {
			char *c;

			if (!g->initrd)
				g->initrd = path_beside_self("rootfs.cpio");
			/* First: what follows " -- " is init's. */
			if (asprintf(&c, "console=tty%s %s", winsize,
				     g->cmdline ? g->cmdline : "") < 0)
				abort();
			g->cmdline = c;
		}
		if (g->cmdline && strlen(g->cmdline) >= LGUEST_CMDLINE_MAX) {
			complain("--guest %s: cmdline is %zu bytes, over the limit of %u",
				 g->name, strlen(g->cmdline), LGUEST_CMDLINE_MAX - 1);
			return -1;
		}
		if (check_mem(g->mem) < 0 ||
		    check_kernel(g->kernel, g->mem, &g->kernel_size, &g->kernel_end) < 0 ||
		    (g->initrd && check_initrd(g->initrd, &g->initrd_size) < 0) ||
		    (g->disk && check_disk(g->disk, g->disk_ro) < 0) ||
		    module_path(g->kernel, 4 + 2 * (int)i, o->dry_run, &g->kernel_mod) < 0 ||
		    (g->initrd && module_path(g->initrd, 5 + 2 * (int)i, o->dry_run,
					      &g->initrd_mod) < 0))
			return -1;
		if (!g->console && asprintf((char **)&g->console, "%s/lguest-%d-%s.console",
					    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
					    (int)getpid(), g->name) < 0)
			abort();
	}
	return disks_apart(o);
}

/* Each other Guest's console file, made empty now (QEMU writes it), and
 * said where it is, and which number marks the Guest's lines. */
int open_guest_consoles(struct options *o)
{
	for (unsigned i = 1; i < o->nguests; i++) {
		struct guest_spec *g = &o->guests[i];
		FILE *f = fopen(g->console, "w");

		if (!f) {
			complain("--guest %s: console %s: %s", g->name, g->console,
				 strerror(errno));
			return -1;
		}
		fclose(f);
		fprintf(stderr, "lguest: guest %u is %s, its console in %s\n", i,
			g->name, g->console);
	}
	return 0;
}
