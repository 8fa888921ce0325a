/*
 * --gdb: QEMU starts the machine stopped, its gdb stub on a port of the
 * loopback (127.0.0.1 only: the stub gives whoever connects the whole
 * machine), and we print the gdb command that attaches with the symbols
 * of everything that runs: the Host's and the Guest kernel's, or natively
 * the Guest's alone.
 *
 * QEMU is qemu-system-i386 then, not qemu-system-x86_64: the latter's
 * stub always describes the CPU as x86-64 and sends 64-bit registers, so
 * gdb, reading our 32-bit ELF files, stops with "Remote 'g' packet reply
 * is too long", and with "set architecture i386:x86-64" it unwinds 32-bit
 * frames as 64-bit ones: garbage.  qemu-system-i386's stub speaks i386,
 * and both come in Debian's qemu-system-x86 package.
 *
 * The two kernels never share an address: the Host is linked at 1 MiB,
 * the Guest at LGUEST_PAGE_OFFSET up (guest/boot/guest.ld), and QEMU's
 * breakpoints are on virtual addresses, so one gdb breaks in either, each
 * with its own backtrace.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "lguest.h"

/* Without --gdb-port, this many ports from the default are tried, so that
 * two runs at once each get their own. */
#define GDB_PORTS_TRIED 64

/* A socket listening on port of the loopback, or -1 if the port is taken.
 * For --dry-run only whether it could be (the socket is closed). */
static int listen_on(unsigned port, int keep)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	if (s < 0)
		return -1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, 1) < 0) {
		close(s);
		return -1;
	}
	if (!keep) {
		close(s);
		return 0;
	}
	return s;
}

/*
 * The port is bound here, not by QEMU: QEMU is handed the listening
 * socket (without close-on-exec) and serves gdb on it.  So two runs
 * started at once cannot both pick a port that is free until one of their
 * QEMUs binds it.
 */
int gdb_listen(struct options *o)
{
	int s;

	if (o->gdb_port_given) {
		s = listen_on(o->gdb_port, !o->dry_run);
		if (s >= 0) {
			o->gdb_fd = o->dry_run ? -1 : s;
			return 0;
		}
		complain("--gdb-port %u: the port is in use (another lguest --gdb?)",
			 o->gdb_port);
		return -1;
	}
	for (unsigned p = LGUEST_GDB_PORT_DEFAULT;
	     p < LGUEST_GDB_PORT_DEFAULT + GDB_PORTS_TRIED; p++) {
		s = listen_on(p, !o->dry_run);
		if (s >= 0) {
			o->gdb_port = p;
			o->gdb_fd = o->dry_run ? -1 : s;
			return 0;
		}
	}
	complain("--gdb: ports %u to %u are all in use: pick one with --gdb-port N",
		 LGUEST_GDB_PORT_DEFAULT, LGUEST_GDB_PORT_DEFAULT + GDB_PORTS_TRIED - 1);
	return -1;
}

/* gdb's own argument syntax quotes a path with a space: 'PATH'. */
static char *gdb_quoted(const char *path)
{
	char *s;

	if (asprintf(&s, strchr(path, ' ') ? "'%s'" : "%s", path) < 0)
		abort();
	return s;
}

/* One line on stderr: the gdb command, ready to paste.  "with confirm
 * off --" keeps add-symbol-file from asking whether we mean it. */
void print_gdb_command(const struct options *o)
{
	char *target, *add_guest = NULL;
	char *argv[8];
	int n = 0;

	if (asprintf(&target, "target remote 127.0.0.1:%u", o->gdb_port) < 0)
		abort();
	argv[n++] = "gdb";
	argv[n++] = (char *)(o->native ? o->kernel : o->host);
	if (!o->native) {
		char *guest = gdb_quoted(o->kernel);

		if (asprintf(&add_guest, "with confirm off -- add-symbol-file %s", guest) < 0)
			abort();
		free(guest);
		argv[n++] = "-ex";
		argv[n++] = add_guest;
	}
	argv[n++] = "-ex";
	argv[n++] = target;
	argv[n] = NULL;
	fputs("lguest: QEMU is waiting for gdb: ", stderr);
	print_shell_quoted(stderr, argv);
	fputc('\n', stderr);
	free(target);
	free(add_guest);
}
