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
	"Exit status: the Guest's (0-99); 100 the Guest crashed; 101 the Host\n"
	"killed it; 102 the Host failed; 124 timed out; 2 bad input.\n";

void complain(const char *fmt, ...)
{
	va_list ap;

	fputs("lguest: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The value of an option that takes one: "--opt VALUE" or "--opt=VALUE". */
static const char *option_value(int argc, char **argv, int *i, const char *inline_value)
{
	if (inline_value)
		return inline_value;
	if (*i + 1 >= argc) {
		complain("%s needs a value", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

/* Parse "lguest run ..." into o.  Returns 0, 1 for --help (done), or -1. */
static int parse_run(int argc, char **argv, struct options *o)
{
	int options_done = 0;

	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v, *eq = NULL;
		char name[32];

		if (options_done || a[0] != '-' || !a[1]) {
			if (o->kernel) {
				complain("one kernel at a time: %s and %s", o->kernel, a);
				return -1;
			}
			o->kernel = a;
			continue;
		}
		if (!strcmp(a, "--")) {	/* a kernel whose name starts with '-' */
			options_done = 1;
			continue;
		}
		/* "--mem=64M": split the name from its value. */
		snprintf(name, sizeof(name), "%s", a);
		if (!strncmp(a, "--", 2) && (eq = strchr(a, '=')) &&
		    (size_t)(eq - a) < sizeof(name)) {
			name[eq - a] = '\0';
			eq++;
		} else {
			eq = NULL;
		}

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
		} else if (!strcmp(name, "--mem")) {
			if (!(v = option_value(argc, argv, &i, eq)))
				return -1;
			if (parse_size(v, &o->mem) < 0) {
				complain("--mem %s: not a size (try 64M or 1G)", v);
				return -1;
			}
		} else if (!strcmp(name, "--initrd")) {
			if (!(o->initrd = option_value(argc, argv, &i, eq)))
				return -1;
		} else if (!strcmp(name, "--disk")) {
			size_t n;

			if (!(v = option_value(argc, argv, &i, eq)))
				return -1;
			n = strlen(v);
			o->disk_ro = n > 3 && !strcmp(v + n - 3, ",ro");
			o->disk = v;
			if (o->disk_ro) {
				free(o->owned[2]);
				o->disk = o->owned[2] = strndup(v, n - 3);
			}
		} else if (!strcmp(name, "--cmdline")) {
			if (!(o->cmdline = option_value(argc, argv, &i, eq)))
				return -1;
		} else if (!strcmp(name, "--timeout")) {
			if (!(v = option_value(argc, argv, &i, eq)))
				return -1;
			if (parse_seconds(v, &o->timeout) < 0) {
				complain("--timeout %s: not a whole number of seconds "
					 "(0 for none)", v);
				return -1;
			}
		} else if (!strcmp(name, "--accel")) {
			if (!(v = option_value(argc, argv, &i, eq)))
				return -1;
			if (strcmp(v, "kvm") && strcmp(v, "tcg")) {
				complain("--accel %s: use kvm or tcg", v);
				return -1;
			}
			o->kvm = !strcmp(v, "kvm");
		} else {
			complain("unknown option %s (see lguest --help)", a);
			return -1;
		}
	}
	return 0;
}

/* Everything a run needs, found and checked, cheapest first. */
static int prepare(struct options *o)
{
	const char *qemu_name = getenv("LGUEST_QEMU");

	if (!o->kernel)
		o->kernel = o->owned[0] = path_beside_self("guest.elf");
	o->host = getenv("LGUEST_HOST");
	if (!o->host)
		o->host = o->owned[1] = path_beside_self("host.elf");
	if (!o->kernel || !o->host) {
		complain("out of memory");
		return -1;
	}
	if (!qemu_name)
		qemu_name = "qemu-system-x86_64";

	if (o->cmdline && strlen(o->cmdline) >= LGUEST_CMDLINE_MAX) {
		complain("--cmdline is %zu bytes, over the limit of %u",
			 strlen(o->cmdline), LGUEST_CMDLINE_MAX - 1);
		return -1;
	}
	if (check_mem(o->mem) < 0 ||
	    check_kernel(o->kernel, o->mem, !o->native, &o->kernel_size,
			 &o->kernel_end) < 0 ||
	    (o->initrd && (check_initrd(o->initrd, &o->initrd_size) < 0 ||
			   check_initrd_fits(o->initrd, o->initrd_size, o->mem,
					     o->kernel_end) < 0)) ||
	    (o->disk && check_disk(o->disk, o->disk_ro) < 0) ||
	    (o->native ? check_multiboot(o->kernel) : check_host(o->host)) < 0 ||
	    check_machine_mem(qemu_mem_mib(o)) < 0)
		return -1;
	o->qemu = find_in_path(qemu_name);
	if (!o->qemu) {
		complain("%s not found: install Debian's qemu-system-x86 package "
			 "(apt-get install qemu-system-x86)", qemu_name);
		return -1;
	}
	return 0;
}

static void free_options(struct options *o)
{
	for (size_t i = 0; i < sizeof(o->owned) / sizeof(*o->owned); i++)
		free(o->owned[i]);
}

static int run(int argc, char **argv)
{
	struct options o = { .mem = LGUEST_MEM_DEFAULT };
	char **qemu;
	int status = parse_run(argc, argv, &o);

	if (status == 1) {
		fputs(usage, stdout);
		return 0;
	}
	if (status < 0 || prepare(&o) < 0) {
		free_options(&o);
		return LGUEST_EXIT_USAGE;
	}

	qemu = qemu_argv(&o);
	if (o.dry_run) {
		print_shell_quoted(qemu);
		status = 0;
	} else {
		if (o.gdb)
			complain("QEMU is waiting for gdb: gdb %s -ex 'target remote :1234'",
				 o.native ? o.kernel : o.host);
		fflush(NULL);	/* or the child would print it again */
		status = supervise(qemu, o.timeout);
	}
	free_argv(qemu);
	free_options(&o);
	return status;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help") ||
			  !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return run(argc, argv);
	if (argc >= 2)
		complain("unknown command '%s'", argv[1]);
	fputs(usage, stderr);
	return LGUEST_EXIT_USAGE;
}
