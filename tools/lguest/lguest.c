/*
 * lguest: the command that starts it all.
 *
 *   lguest run [--mem SIZE] [--initrd FILE] [--disk FILE[,ro]] [--cmdline "TEXT"]
 *              [--timeout SECONDS] [--gdb] [--gdb-port N] [--dry-run]
 *              [--accel kvm|tcg] [--verbose] [--native] [KERNEL]
 *   lguest run --guest NAME[:KEY=VALUE,...] [--guest ...] [options]
 *   lguest list [--run RUN]
 *   lguest console [--run RUN] NAME     (or RUN/NAME)
 *   lguest stop [--run RUN] NAME
 *   lguest --version
 *
 * Every input is checked before QEMU starts; a bad one gets one line on
 * stderr and exit status LGUEST_EXIT_USAGE.  Otherwise the exit status is
 * the Guest's (include/lguest/exit_status.h).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lguest/boot.h>
#include <lguest/exit_status.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "lguest.h"

static const char usage[] =
	"usage: lguest run [options] [KERNEL]\n"
	"       lguest run --guest NAME[:KEY=VALUE,...] [--guest ...] [options]\n"
	"       lguest list [--run RUN]\n"
	"       lguest console [--run RUN] NAME    (or RUN/NAME)\n"
	"       lguest stop [--run RUN] NAME\n"
	"       lguest --version\n"
	"\n"
	"Boot KERNEL (default: guest.elf beside this program) as a Guest on\n"
	"the lguest Host, in QEMU's microvm machine.  Each option is given at\n"
	"most once, as --opt VALUE or --opt=VALUE.\n"
	"\n"
	"  --mem SIZE          the Guest's memory: 4M to 960M, a multiple of\n"
	"                      4 KiB, in bytes or with K, M or G (default 64M)\n"
	"  --initrd FILE       an initrd for the Guest (not empty; it must fit\n"
	"                      in --mem above the kernel)\n"
	"  --disk FILE[,ro]    a raw disk image, as the Guest's virtio block\n"
	"                      device: a whole number of 512-byte sectors, at\n"
	"                      least one\n"
	"  --cmdline \"TEXT\"    the Guest's command line, up to 2047 bytes\n"
	"                      (\"test=list\" lists the Guest's tests)\n"
	"  --timeout SECONDS   stop the machine after this long (status 124):\n"
	"                      0 (the default) for no limit, at most 1000000\n"
	"  --gdb               start QEMU stopped, waiting for gdb on\n"
	"                      127.0.0.1:1234; prints the gdb command to attach\n"
	"  --gdb-port N        the same on port N (1-65535)\n"
	"  --dry-run           print the QEMU command instead of running it\n"
	"  --accel kvm|tcg     KVM (needs VT-x or AMD-V) or QEMU's emulator,\n"
	"                      TCG (the default)\n"
	"  --verbose           show the Host's own log\n"
	"  --native            boot KERNEL straight on the machine, no Host\n"
	"                      (it must be a multiboot kernel, as guest.elf is)\n"
	"  --version           print lguest's version\n"
	"  --guest NAME[:KEY=VALUE,...]\n"
	"                      one Guest of several on the one Host, once a\n"
	"                      Guest (at most 8): keys kernel=FILE, mem=SIZE,\n"
	"                      initrd=FILE, disk=FILE (ro: read-only, its own:\n"
	"                      no two Guests write one), console=FILE and\n"
	"                      cmdline=TEXT (last: it takes the rest, commas\n"
	"                      too; elsewhere write a comma twice); 960M in all.\n"
	"                      The first Guest has the terminal and the exit\n"
	"                      status; each has entropy.  Each other has a\n"
	"                      console of its own (a terminal's), which lguest\n"
	"                      console attaches to, logged to its console file\n"
	"                      (default $TMPDIR/lguest-PID-NAME.console, printed\n"
	"                      at start), its kernel's messages on stderr as\n"
	"                      \"guestN: \".  Without test= a Guest boots busybox.\n"
	"                      --mem, --initrd, --cmdline and KERNEL are then\n"
	"                      given in --guest.  The Host says how each ended:\n"
	"                      \"lguest: guest N ended: status S, ...\"\n"
	"\n"
	"A run with --guest is RUN, lguest run's process id; from elsewhere:\n"
	"  lguest list         each Guest of each run: its state (running,\n"
	"                      halted, off, crashed, killed), memory, CPU time\n"
	"                      and world switches\n"
	"  lguest console NAME attach to a Guest's console (not the first's):\n"
	"                      on a terminal Ctrl-] or Ctrl-A x detaches; piped\n"
	"                      input detaches at its end.  RUN/NAME or --run RUN\n"
	"                      when two runs have a Guest of that name\n"
	"  lguest stop NAME    ask a Guest to power off; the Host kills it if it\n"
	"                      has not after 5 s.  The others run on; the run\n"
	"                      ends with its last Guest\n"
	"The runs' sockets are in $XDG_RUNTIME_DIR/lguest (or /tmp/lguest-UID).\n"
	"\n"
	"The Guest's console is stdin and stdout, byte for byte; lguest's\n"
	"messages and the Host's verdicts (\"lguest: ...\") and the Guest\n"
	"kernel's messages (\"guest: ...\") are on stderr.  At the end of\n"
	"piped input the Guest's readers get end of file.  On a terminal the\n"
	"Guest gets every key, Ctrl-C included: Ctrl-A x ends the run, Ctrl-A\n"
	"Ctrl-A sends one Ctrl-A; there is no QEMU monitor.\n"
	"\n"
	"Exit status: the Guest's (0-255, a Linux Guest's init's as a shell\n"
	"gives it); or, with a line on stderr saying so: 100 the Guest crashed;\n"
	"101 the Host killed it; 102 the Host failed, or Ctrl-A x; 124 timed\n"
	"out; 2 bad input; 128+N stopped by signal N.\n";

void complain(const char *fmt, ...)
{
	va_list ap;

	fputs("lguest: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

enum {
	OPT_MEM = 256, OPT_INITRD, OPT_DISK, OPT_CMDLINE, OPT_TIMEOUT, OPT_GDB,
	OPT_GDB_PORT, OPT_DRY_RUN, OPT_ACCEL, OPT_VERBOSE, OPT_NATIVE, OPT_VERSION,
	OPT_GUEST, OPT_END
};

static const struct option run_options[] = {
	{ "mem", required_argument, NULL, OPT_MEM },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ "disk", required_argument, NULL, OPT_DISK },
	{ "cmdline", required_argument, NULL, OPT_CMDLINE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "gdb", no_argument, NULL, OPT_GDB },
	{ "gdb-port", required_argument, NULL, OPT_GDB_PORT },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "accel", required_argument, NULL, OPT_ACCEL },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "native", no_argument, NULL, OPT_NATIVE },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "guest", required_argument, NULL, OPT_GUEST },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* An option's name as the user should see it: "--mem". */
static const char *option_name(int opt)
{
	static char buf[32];

	for (const struct option *o = run_options; o->name; o++)
		if (o->val == opt) {
			snprintf(buf, sizeof(buf), "--%s", o->name);
			return buf;
		}
	return "-h";
}

/* How many options "--NAME[=VALUE]" is the start of (getopt_long takes
 * any unambiguous start). */
static int abbreviates(const char *typed)
{
	size_t n;
	int count = 0;

	if (strncmp(typed, "--", 2))
		return 0;
	typed += 2;
	n = strcspn(typed, "=");
	for (const struct option *o = run_options; o->name; o++)
		count += !strncmp(o->name, typed, n);
	return count;
}

/* One option's value, checked.  Returns 0 or -1 after complaining. */
static int take_option(int opt, const char *v, struct options *o)
{
	switch (opt) {
	case OPT_MEM:
		if (parse_size(v, &o->mem) < 0) {
			complain("--mem %s: not a size (try 64M or 1G)", v);
			return -1;
		}
		if (o->mem < LGUEST_MEM_MIN || o->mem > LGUEST_MEM_MAX || o->mem % 4096) {
			complain("--mem %s: the Guest's memory must be from %u MiB to "
				 "%u MiB, a multiple of 4 KiB", v, LGUEST_MEM_MIN >> 20,
				 LGUEST_MEM_MAX >> 20);
			return -1;
		}
		return 0;
	case OPT_INITRD:
		o->initrd = v;
		return 0;
	case OPT_DISK: {
		size_t n = strlen(v);

		o->disk_ro = n > 3 && !strcmp(v + n - 3, ",ro");
		o->disk = o->disk_ro ? strndup(v, n - 3) : v;
		return 0;
	}
	case OPT_CMDLINE:
		o->cmdline = v;
		return 0;
	case OPT_GUEST:
		return parse_guest(v, o);
	case OPT_TIMEOUT:
		if (parse_number(v, &o->timeout) < 0) {
			complain("--timeout %s: not a number of seconds", v);
			return -1;
		}
		if (o->timeout > LGUEST_TIMEOUT_MAX) {
			complain("--timeout %s: the most is %u seconds (0 is no limit)",
				 v, LGUEST_TIMEOUT_MAX);
			return -1;
		}
		return 0;
	case OPT_GDB_PORT: {
		unsigned port;

		if (parse_number(v, &port) < 0 || port < 1 || port > 65535) {
			complain("--gdb-port %s: a TCP port is a number from 1 to 65535", v);
			return -1;
		}
		o->gdb = 1;
		o->gdb_port = port;
		o->gdb_port_given = 1;
		return 0;
	}
	case OPT_ACCEL:
		if (strcmp(v, "kvm") && strcmp(v, "tcg")) {
			complain("--accel %s: use kvm or tcg", v);
			return -1;
		}
		o->kvm = !strcmp(v, "kvm");
		return 0;
	case OPT_GDB: o->gdb = 1; return 0;
	case OPT_DRY_RUN: o->dry_run = 1; return 0;
	case OPT_VERBOSE: o->verbose = 1; return 0;
	case OPT_NATIVE: o->native = 1; return 0;
	}
	return 0;
}

/* Returns 0, -1 after complaining, or 1 if the user asked for help and 2
 * for the version.  Options are read as getopt_long() reads them: "--mem
 * 64M" or "--mem=64M", in any order with KERNEL, and "--" ends them.  An
 * option given twice is refused rather than one of them silently winning;
 * --gdb and --gdb-port together are fine (the port says where). */
static int parse_run(int argc, char **argv, struct options *o)
{
	unsigned char seen[OPT_END] = { 0 };
	int opt;

	/* The words after the first "--" are the Guest's command, not ours:
	 * getopt never sees them. */
	for (int i = 1; i < argc; i++) {	/* argv[0] is "run" */
		if (!strcmp(argv[i], "--")) {
			o->command = argv + i + 1;
			o->command_len = argc - i - 1;
			argc = i;
			break;
		}
	}
	opterr = 0;	/* our own messages, one line each */
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":h", run_options, NULL)) != -1) {
		const char *as_typed = argv[optind - 1];

		if (opt == 'h')
			return 1;
		if (opt == OPT_VERSION)
			return 2;
		if (opt == ':') {
			complain("%s needs a value", option_name(optopt));
			return -1;
		}
		if (opt == '?') {
			if (optopt >= OPT_MEM)
				complain("%s takes no value (see lguest --help)",
					 option_name(optopt));
			else if (abbreviates(as_typed) > 1)
				complain("%s could be more than one option (see "
					 "lguest --help)", as_typed);
			else
				complain("unknown option %s (see lguest --help)", as_typed);
			return -1;
		}
		if (seen[opt]++ && opt != OPT_GDB && opt != OPT_GUEST) {
			complain("%s given twice: give it once", option_name(opt));
			return -1;
		}
		if (take_option(opt, optarg, o) < 0)
			return -1;
	}
	for (int i = optind; i < argc; i++) {
		if (o->kernel) {
			complain("one kernel at a time: %s and %s", o->kernel, argv[i]);
			return -1;
		}
		o->kernel = argv[i];
	}
	if (o->nguests) {
		const struct guest_spec *g = &o->guests[0];

		if (o->kernel || seen[OPT_MEM] || seen[OPT_INITRD] || seen[OPT_CMDLINE]) {
			complain("with --guest, each Guest's kernel, --mem, --initrd and "
				 "--cmdline go in its --guest");
			return -1;
		}
		if (o->native) {
			complain("--native runs one kernel, without a Host: no --guest");
			return -1;
		}
		if (g->console) {
			complain("--guest %s: the first Guest's console is the terminal, "
				 "not console=%s", g->name, g->console);
			return -1;
		}
		if (g->disk && o->disk) {
			complain("--guest %s: a disk in disk= and in --disk: give it once",
				 g->name);
			return -1;
		}
		if (g->disk) {
			o->disk = g->disk;
			o->disk_ro = g->disk_ro;
		}
		o->kernel = g->kernel;
		o->mem = g->mem;
		o->initrd = g->initrd;
		o->cmdline = g->cmdline;
	}
	return 0;
}

/*
 * The Guest's command line: the user's --cmdline, then how its console
 * should start (cooked for a person at a terminal, raw for a pipe), then
 * " -- " and the command, which Linux's rules hand to init as its
 * arguments.  A word with a space, a quote or a backslash is quoted, its
 * quotes and backslashes escaped (guest/boot/init_args.c undoes both); a
 * newline cannot be said on a command line.
 */
static int build_cmdline(struct options *o)
{
	struct winsize ws;
	size_t size = (o->cmdline ? strlen(o->cmdline) : 0) + 64;
	char *s, *p;

	for (int i = 0; i < o->command_len; i++) {
		if (strchr(o->command[i], '\n')) {
			complain("the command's word %s has a newline, which a kernel "
				 "command line cannot carry", o->command[i]);
			return -1;
		}
		size += 2 * strlen(o->command[i]) + 3;
	}
	s = p = malloc(size);
	if (!s)
		abort();
	p += sprintf(p, "%s", o->cmdline ? o->cmdline : "");
	if (o->interactive) {
		p += sprintf(p, " console=tty");
		if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row)
			p += sprintf(p, " winsize=%ux%u", ws.ws_col, ws.ws_row);
	} else {
		p += sprintf(p, " console=pipe");
	}
	if (o->command_len)
		p += sprintf(p, " --");
	for (int i = 0; i < o->command_len; i++) {
		const char *w = o->command[i];

		if (*w && !strpbrk(w, " \t\"\\")) {
			p += sprintf(p, " %s", w);
			continue;
		}
		p += sprintf(p, " \"");
		for (; *w; w++) {
			if (*w == '"' || *w == '\\')
				*p++ = '\\';
			*p++ = *w;
		}
		p += sprintf(p, "\"");
	}
	o->cmdline = s;
	return 0;
}

/* Everything a run needs, found and checked. */
static int prepare(struct options *o)
{
	const char *qemu_name = getenv("LGUEST_QEMU");
	int testing = o->cmdline && (!strncmp(o->cmdline, "test=", 5) ||
				     strstr(o->cmdline, " test="));

	/* A Unix Guest boots the default initramfs (busybox) unless told
	 * otherwise; a test subject needs none. */
	if (!o->initrd && !testing)
		o->initrd = path_beside_self("rootfs.cpio");
	if (o->cmdline && strlen(o->cmdline) >= LGUEST_CMDLINE_MAX) {
		complain("--cmdline is %zu bytes, over the limit of %u",
			 strlen(o->cmdline), LGUEST_CMDLINE_MAX - 1);
		return -1;
	}
	/* A terminal we are not in front of gives the Guest no input. */
	o->interactive = terminal_interactive();
	if (!testing && build_cmdline(o) < 0)
		return -1;
	if (o->cmdline && strlen(o->cmdline) >= LGUEST_CMDLINE_MAX) {
		complain("the Guest's command line (--cmdline, the console's mode and "
			 "the command after --) is %zu bytes, over the limit of %u",
			 strlen(o->cmdline), LGUEST_CMDLINE_MAX - 1);
		return -1;
	}

	if (!o->kernel)
		o->kernel = path_beside_self("guest.elf");
	o->host = getenv("LGUEST_HOST");
	if (!o->host)
		o->host = path_beside_self("host.elf");
	if (!qemu_name)
		qemu_name = o->gdb ? "qemu-system-i386" : "qemu-system-x86_64";

	if (check_mem(o->mem) < 0 ||
	    check_kernel(o->kernel, o->mem, &o->kernel_size, &o->kernel_end) < 0 ||
	    (o->initrd && (check_initrd(o->initrd, &o->initrd_size) < 0 ||
			   check_initrd_fits(o) < 0)) ||
	    (o->disk && check_disk(o->disk, o->disk_ro) < 0) ||
	    (o->native ? check_multiboot(o->kernel) : check_host(o->host)) < 0)
		return -1;
	o->qemu = find_in_path(qemu_name);
	if (!o->qemu) {
		complain("%s not found: install Debian's qemu-system-x86 package "
			 "(apt-get install qemu-system-x86)", qemu_name);
		return -1;
	}
	if (prepare_guests(o) < 0)
		return -1;
	if (o->gdb && gdb_listen(o) < 0)
		return -1;
	if (o->kvm && !o->dry_run && check_kvm() < 0)
		return -1;
	/* Each file QEMU loads as a module, on descriptors 3, 4 and 5 if
	 * their paths need them (modules.c). */
	if ((!o->native && module_path(o->host, 3, o->dry_run, &o->host_mod) < 0) ||
	    module_path(o->kernel, 4, o->dry_run, &o->kernel_mod) < 0 ||
	    (o->initrd && module_path(o->initrd, 5, o->dry_run, &o->initrd_mod) < 0))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { .mem = LGUEST_MEM_DEFAULT, .gdb_port = LGUEST_GDB_PORT_DEFAULT,
			   .gdb_fd = -1, .qemu_console_fd = -1, .qemu_serial_fd = -1,
			   .console_fd = -1, .serial_fd = -1 };
	char **qemu;
	int status;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help") ||
			  !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version"))) {
		printf("lguest %s\n", lguest_version());
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return lguest_list(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "stop"))
		return lguest_stop(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "console"))
		return lguest_console(argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "run")) {
		if (argc >= 2)
			complain("unknown command '%s'", argv[1]);
		fputs(usage, stderr);
		return LGUEST_EXIT_USAGE;
	}
	status = parse_run(argc - 1, argv + 1, &o);
	if (status == 1) {
		fputs(usage, stdout);
		return 0;
	}
	if (status == 2) {
		printf("lguest %s\n", lguest_version());
		return 0;
	}
	if (status < 0 || prepare(&o) < 0)
		return LGUEST_EXIT_USAGE;

	if (!o.dry_run && open_guest_consoles(&o) < 0)
		return LGUEST_EXIT_USAGE;
	if (!o.dry_run && open_channels(&o) < 0)
		return LGUEST_EXIT_HOST_FAILED;
	qemu = qemu_argv(&o);
	if (o.dry_run) {
		print_shell_quoted(stdout, qemu);
		print_module_redirections(stdout, &o);
		putchar('\n');
		free_argv(qemu);
		return 0;
	}
	if (o.gdb)
		print_gdb_command(&o);
	fflush(NULL);
	status = supervise(qemu, &o);
	free_argv(qemu);
	return status;
}
