/* The lguest command: what its parts share. */
#ifndef LGUEST_CLI_H
#define LGUEST_CLI_H

#include <stddef.h>
#include <stdint.h>

struct options {
	uint64_t mem;		/* the Guest's RAM in bytes */
	const char *initrd;
	const char *cmdline;
	unsigned timeout;	/* seconds; 0 = none */
	int gdb, dry_run, kvm, verbose;
	int native;		/* KERNEL straight on the machine, no Host */
	const char *disk;	/* a raw disk image for the Guest, or NULL */
	int disk_ro;		/* ",ro": the Guest may not write it */
	const char *kernel;	/* the Guest kernel */
	const char *host;	/* the Host kernel (build/host.elf) */
	const char *qemu;	/* the QEMU binary, as found */
	uint64_t kernel_size, initrd_size;
};

/* args.c */
int parse_size(const char *s, uint64_t *bytes);
int parse_seconds(const char *s, unsigned *seconds);

/* inputs.c: each returns 0, or prints one "lguest: ..." line and returns -1. */
int check_kernel(const char *path, uint64_t mem, uint64_t *size);
int check_initrd(const char *path, uint64_t *size);
int check_disk(const char *path, int read_only);
int check_mem(uint64_t mem);
int check_host(const char *path);
int check_multiboot(const char *path);
const char *find_in_path(const char *name);
char *path_beside_self(const char *name);

/* qemu_cmd.c: the QEMU command line for a run. */
char **qemu_argv(const struct options *o);
void print_shell_quoted(char **argv);
void free_argv(char **argv);
uint64_t qemu_mem_mib(const struct options *o);

/* terminal.c */
void terminal_raw(void);
void terminal_restore(void);

/* supervise.c: run QEMU and return lguest's exit status. */
int supervise(char **argv, unsigned timeout);

/* Complain in one line on stderr, the way every refusal is made. */
void complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
