/*
 * The first process's arguments and environment, from the kernel's
 * command line as Linux hands them to init (init_args.c, plain C).
 */
#ifndef GUEST_INIT_ARGS_H
#define GUEST_INIT_ARGS_H

#include <stddef.h>

#define INIT_MAX_ARGS	32
#define INIT_MAX_ENVS	32

struct init_args {
	char *argv[INIT_MAX_ARGS + 1];	/* NULL-terminated; argv[0] the program */
	char *envp[INIT_MAX_ENVS + 1];
	char *kernel[INIT_MAX_ARGS + 1];	/* the kernel's own words, NULL-terminated */
	int argc, envc, nkernel;
	const char *init;		/* rdinit= (default /init) */
};

/*
 * Split cmdline into words, as Linux does: spaces separate, double quotes
 * group (and are dropped; inside them \" and \\ are a quote and a
 * backslash).  Before a lone "--", a word with '=' is for the
 * environment and one without is an argument, except the kernel's own
 * keys (kernel_keys, a NULL-terminated list, and rdinit=, which names the
 * program); after "--", every word is an argument.  The words are copied
 * into buf[size].  Returns NULL, or what is wrong (too long, too many).
 */
const char *init_args_parse(const char *cmdline, const char *const *kernel_keys,
			    char *buf, size_t size, struct init_args *out);

#endif
