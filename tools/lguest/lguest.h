/* The lguest command: what its parts share. */
#ifndef LGUEST_CLI_H
#define LGUEST_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A file QEMU loads as a multiboot module (modules.c). */
struct module {
	const char *file;	/* as the user named it */
	const char *path;	/* as QEMU is given it */
	int fd;			/* -1, or the descriptor path goes through */
	char *proc_path;	/* "/proc/self/fd/N" when it does */
};

/* One Guest of several (--guest; guests.c). */
struct guest_spec {
	const char *name, *kernel, *initrd, *cmdline;
	const char *console;	/* the file its console output goes to */
	const char *disk;	/* a raw disk image of its own, or NULL */
	int disk_ro;		/* "ro": the Guest may not write it */
	/* Its console (a socket) past the first Guest: QEMU's end and
	 * ours, which run_control.c relays to lguest console; -1 with
	 * --dry-run (QEMU writes the console file then). */
	int qemu_console_fd, console_fd;
	uint64_t mem, kernel_size, initrd_size;
	uint32_t kernel_end;
	struct module kernel_mod, initrd_mod;
};
#define LGUEST_CLI_MAX_GUESTS 8

struct options {
	uint64_t mem;		/* the Guest's RAM in bytes */
	const char *initrd;
	const char *cmdline;
	unsigned timeout;	/* seconds; 0 = none */
	int gdb, dry_run, kvm, verbose;
	unsigned gdb_port;	/* with gdb: QEMU's gdbstub listens here */
	int native;		/* KERNEL straight on the machine, no Host */
	const char *disk;	/* a raw disk image for the Guest, or NULL */
	int disk_ro;		/* ",ro": the Guest may not write it */
	const char *kernel;	/* the Guest kernel */
	const char *host;	/* the Host kernel (build/host.elf) */
	const char *qemu;	/* the QEMU binary, as found */
	uint64_t kernel_size, initrd_size;
	uint32_t kernel_end;	/* the first physical address past the kernel */
	struct module host_mod, kernel_mod, initrd_mod;
	int gdb_port_given;	/* --gdb-port: that port or none */
	char **command;		/* the words after "--": init's arguments */
	int command_len;
	int gdb_fd;		/* the listening socket QEMU serves gdb on, or
				 * -1 (--dry-run: QEMU binds the port itself) */
	int interactive;	/* stdin is the terminal we are in front of */
	/* The Guest's console (a socket) and the serial line (a pipe):
	 * QEMU's ends, which it inherits, and ours, which supervise()
	 * relays; -1 with --dry-run (QEMU's stdio and stderr then). */
	int qemu_console_fd, qemu_serial_fd;
	int console_fd, serial_fd;
	/* --guest, in order: the first is the Guest the fields above
	 * describe (kernel, mem, initrd, cmdline); 0 without --guest. */
	struct guest_spec guests[LGUEST_CLI_MAX_GUESTS];
	unsigned nguests;
};

/* The longest --timeout: about 11 days, far beyond any test. */
#define LGUEST_TIMEOUT_MAX 1000000u
#define LGUEST_GDB_PORT_DEFAULT 1234u

/* args.c */
int parse_size(const char *s, uint64_t *bytes);
int parse_number(const char *s, unsigned *n);

/* inputs.c: each returns 0, or prints one "lguest: ..." line and returns -1. */
int check_kernel(const char *path, uint64_t mem, uint64_t *size, uint32_t *end);
int check_initrd(const char *path, uint64_t *size);
int check_initrd_fits(const struct options *o);
int check_disk(const char *path, int read_only);
int check_mem(uint64_t mem);
int check_host(const char *path);
int check_multiboot(const char *path);
const char *find_in_path(const char *name);
char *path_beside_self(const char *name);

/* qemu_cmd.c: the QEMU command line for a run. */
char **qemu_argv(const struct options *o);
void print_shell_quoted(FILE *f, char **argv);
void free_argv(char **argv);
uint64_t qemu_mem_mib(const struct options *o);

/* modules.c: a module's path for QEMU, through descriptor fd if need be. */
int module_path(const char *file, int fd, int dry_run, struct module *m);
void print_module_redirections(FILE *f, const struct options *o);

/* guests.c: --guest NAME[:KEY=VALUE,...]; each returns 0 or -1 after
 * complaining. */
int parse_guest(const char *arg, struct options *o);
int prepare_guests(struct options *o);
int open_guest_consoles(struct options *o);

/* gdb.c */
int gdb_listen(struct options *o);
void print_gdb_command(const struct options *o);

/* kvm.c: can this machine's KVM run a 32-bit kernel? */
int check_kvm(void);

const char *lguest_version(void);

/* terminal.c: the terminal, when stdin is one and we are in its
 * foreground (interactive). */
int terminal_interactive(void);
void terminal_raw(void);
void terminal_restore(void);

/* console_input.c: n bytes of the user's input, as the Guest's console
 * gets them, into out (room for 2n + 1 bytes: a Ctrl-A held from the last
 * call may add one); returns their length.  On a terminal, Ctrl-A
 * commands set *events (CONSOLE_QUIT ends the input there), and so does
 * detach_key.  console_keys(): the same, not escaped (room for n + 1).
 * console_input_end(): the end of input, into 2 bytes. */
struct console_input {
	int interactive;	/* a terminal: Ctrl-A is lguest's escape */
	unsigned char detach_key;	/* lguest console's Ctrl-], or 0 */
	int after_ctrl_a;
};
#define CONSOLE_QUIT	1u	/* Ctrl-A x */
#define CONSOLE_HELP	2u	/* Ctrl-A c, h or ?: say what there is */
size_t console_keys(struct console_input *ci, const unsigned char *in, size_t n,
		    unsigned char *out, unsigned *events);
size_t console_input(struct console_input *ci, const unsigned char *in, size_t n,
		     unsigned char *out, unsigned *events);
size_t console_input_end(unsigned char *out);

/* serial_view.c: the serial line's records as lines for stderr.  One
 * line of n bytes (no newline) into out (room for 2n + 8 bytes); feed
 * bytes as they come, and end: each line shown through show(). */
#define SERIAL_VIEW_LINE_MAX	8192
#define SERIAL_VIEW_OUT_MAX	(2 * SERIAL_VIEW_LINE_MAX + 8)
struct serial_view {
	char line[SERIAL_VIEW_LINE_MAX];
	size_t len;
	int rest_of_line;	/* line continues one cut at its size */
	/* The machine's record of an exit status its port could not carry
	 * (exit_status.h), taken from the line and not shown, if one came. */
	int exit_status;
	int has_exit_status;
};
size_t serial_view_line(const char *line, size_t n, int rest_of_line, char *out);
void serial_view_feed(struct serial_view *v, const char *buf, size_t n,
		      void (*show)(const char *s, size_t len));
void serial_view_end(struct serial_view *v, void (*show)(const char *s, size_t len));

/* run_dir.c: where runs of several Guests are found.  run_listen(): this
 * run's control socket, its path into path (and removed when lguest
 * ends, however); returns the listening descriptor or -1 after
 * complaining.  run_connect(): a connection to run id, or -1 (errno says
 * why).  runs_find(): the runs there are, in *ids; how many, or -1 after
 * complaining. */
int run_listen(char *path, size_t size);
int run_connect(const char *id);
int runs_find(char ***ids);

/* run_control.c: the control socket inside lguest run (names, list,
 * stop, console), and the other Guests' consoles.  to_first takes bytes
 * for the first Guest's console input.  run_control_fds() fills p (room
 * for RUN_CONTROL_FDS) and says how many; run_control_ready() serves
 * them after poll(); run_control_timeout() is poll()'s timeout for its
 * deadlines (-1: none), run_control_tick() meets them.
 * run_control_record(): a line of the serial line as shown; 1 if it was
 * a state record, which is not to be shown. */
#define RUN_CONTROL_FDS (1 + 16 + LGUEST_CLI_MAX_GUESTS)
struct pollfd;
int run_control_open(const struct options *o, void (*to_first)(const unsigned char *, size_t));
unsigned run_control_fds(struct pollfd *p);
void run_control_ready(const struct pollfd *p, unsigned n);
int run_control_timeout(void);
void run_control_tick(void);
int run_control_record(const char *line, size_t len);
void run_control_close(void);

/* run_client.c: lguest list, stop and console; each returns lguest's
 * exit status. */
int lguest_list(int argc, char **argv);
int lguest_stop(int argc, char **argv);
int lguest_console(int argc, char **argv);

/* supervise.c: the channels QEMU's console and serial line take, then
 * QEMU run, relaying them; returns lguest's exit status. */
int open_channels(struct options *o);
int supervise(char **argv, const struct options *o);

/* Complain in one line on stderr, the way every refusal is made. */
void complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
