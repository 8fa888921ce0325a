/*
 * lguest: the command that starts it all.
 *
 *   lguest run [--mem SIZE] [--initrd FILE] [--disk FILE[,ro]] [--cmdline "TEXT"]
 *              [--timeout SECONDS] [--gdb] [--dry-run] [--accel kvm]
 *              [--verbose] [--native] [KERNEL]
 *
 * Every input is checked before QEMU starts; a bad one gets one line on
 * stderr and exit status LGUEST_EXIT_USAGE.  Otherwise the exit status is
 * the Guest's (include/lguest/exit_status.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lguest/boot.h>
#include <lguest/exit_status.h>
#include "lguest.h"

static const char usage[] =
	"usage: lguest run [options] [KERNEL]\n"
	"\n"
	"Boot KERNEL (default: guest.elf beside this program) as a Guest on\n"
	"the lguest Host, in QEMU's microvm machine.\n"
	"\n"
	"  --mem SIZE          the Guest's memory, e.g. 64M (default 64M)\n"
	"  --initrd FILE       an initrd for the Guest\n"
	"  --disk FILE[,ro]    a raw disk image, as the Guest's virtio block device\n"
	"  --cmdline \"TEXT\"    the Guest's command line\n"
	"  --timeout SECONDS   stop the machine after this long (status 124)\n"
	"  --gdb               start QEMU stopped, waiting for gdb on :1234\n"
	"  --dry-run           print the QEMU command instead of running it\n"
	"  --accel kvm         use KVM (needs VT-x or AMD-V) instead of TCG\n"
	"  --verbose           show the Host's own log\n"
	"  --native            boot KERNEL straight on the machine, no Host\n"
	"                      (it must be a multiboot kernel, as guest.elf is)\n"
	"\n"
	"The console is this terminal (or pipe), Ctrl-C included: Ctrl-A x\n"
	"quits, Ctrl-A Ctrl-A sends one Ctrl-A.\n"
	"\n"
	"Exit status: the Guest's (0-99); 100 the Guest crashed; 101 the Host\n"
	"killed it; 102 the Host failed, or Ctrl-A x; 124 timed out; 2 bad\n"
	"input; 128+N stopped by signal N.\n";

void complain(const char *fmt, ...)
{
	va_list ap;

	fputs("lguest: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The value of an option that takes one, or a complaint. */
static const char *option_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		complain("%s needs a value", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

/* Returns 0, -1 after complaining, or 1 if the user asked for help. */
static int parse_run(int argc, char **argv, struct options *o)
{
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			return 1;
		} else if (!strcmp(a, "--gdb")) {
			o->gdb = 1;
		} else if (!strcmp(a, "--dry-run")) {
			o->dry_run = 1;
		} else if (!strcmp(a, "--verbose")) {
			o->verbose = 1;
		} else if (!strcmp(a, "--native")) {
			o->native = 1;
		} else if (!strcmp(a, "--mem")) {
			if (!(v = option_value(argc, argv, &i)))
				return -1;
			if (parse_size(v, &o->mem) < 0) {
				complain("--mem %s: not a size (try 64M or 1G)", v);
				return -1;
			}
		} else if (!strcmp(a, "--initrd")) {
			if (!(o->initrd = option_value(argc, argv, &i)))
				return -1;
		} else if (!strcmp(a, "--disk")) {
			size_t n;

			if (!(v = option_value(argc, argv, &i)))
				return -1;
			n = strlen(v);
			o->disk_ro = n > 3 && !strcmp(v + n - 3, ",ro");
			o->disk = o->disk_ro ? strndup(v, n - 3) : v;
		} else if (!strcmp(a, "--cmdline")) {
			if (!(o->cmdline = option_value(argc, argv, &i)))
				return -1;
		} else if (!strcmp(a, "--timeout")) {
			if (!(v = option_value(argc, argv, &i)))
				return -1;
			if (parse_seconds(v, &o->timeout) < 0) {
				complain("--timeout %s: not a number of seconds", v);
				return -1;
			}
		} else if (!strcmp(a, "--accel")) {
			if (!(v = option_value(argc, argv, &i)))
				return -1;
			if (strcmp(v, "kvm") && strcmp(v, "tcg")) {
				complain("--accel %s: use kvm or tcg", v);
				return -1;
			}
			o->kvm = !strcmp(v, "kvm");
		} else if (a[0] == '-' && a[1]) {
			complain("unknown option %s (see lguest --help)", a);
			return -1;
		} else if (o->kernel) {
			complain("one kernel at a time: %s and %s", o->kernel, a);
			return -1;
		} else {
			o->kernel = a;
		}
	}
	return 0;
}

/* Everything a run needs, found and checked. */
static int prepare(struct options *o)
{
	const char *qemu_name = getenv("LGUEST_QEMU");

	if (!o->kernel)
		o->kernel = path_beside_self("guest.elf");
	o->host = getenv("LGUEST_HOST");
	if (!o->host)
		o->host = path_beside_self("host.elf");
	if (!qemu_name)
		qemu_name = "qemu-system-x86_64";

	if (check_mem(o->mem) < 0 ||
	    check_kernel(o->kernel, o->mem, &o->kernel_size) < 0 ||
	    (o->initrd && check_initrd(o->initrd, &o->initrd_size) < 0) ||
	    (o->disk && check_disk(o->disk, o->disk_ro) < 0) ||
	    (o->native ? check_multiboot(o->kernel) : check_host(o->host)) < 0)
		return -1;
	if (o->cmdline && strlen(o->cmdline) >= LGUEST_CMDLINE_MAX) {
		complain("--cmdline is %zu bytes, over the limit of %u",
			 strlen(o->cmdline), LGUEST_CMDLINE_MAX - 1);
		return -1;
	}
	o->qemu = find_in_path(qemu_name);
	if (!o->qemu) {
		complain("%s not found: install Debian's qemu-system-x86 package "
			 "(apt-get install qemu-system-x86)", qemu_name);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { .mem = LGUEST_MEM_DEFAULT };
	char **qemu;
	int status;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help") ||
			  !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "run")) {
		if (argc >= 2)
			complain("unknown command '%s'", argv[1]);
		fputs(usage, stderr);
		return LGUEST_EXIT_USAGE;
	}
	status = parse_run(argc, argv, &o);
	if (status > 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (status < 0 || prepare(&o) < 0)
		return LGUEST_EXIT_USAGE;

	qemu = qemu_argv(&o);
	if (o.dry_run) {
		print_shell_quoted(qemu);
		free_argv(qemu);
		return 0;
	}
	if (o.gdb)
		complain("QEMU is waiting for gdb: gdb %s -ex 'target remote :1234'",
			 o.native ? o.kernel : o.host);
	fflush(NULL);
	status = supervise(qemu, o.timeout);
	free_argv(qemu);
	return status;
}
