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

/* gdb.c */
int gdb_listen(struct options *o);
void print_gdb_command(const struct options *o);

/* kvm.c: can this machine's KVM run a 32-bit kernel? */
int check_kvm(void);

const char *lguest_version(void);

/* terminal.c */
void terminal_raw(void);
void terminal_restore(void);

/* supervise.c: run QEMU and return lguest's exit status. */
int supervise(char **argv, unsigned timeout);

/* Complain in one line on stderr, the way every refusal is made. */
void complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
