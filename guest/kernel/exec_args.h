/*
 * exec's argument and environment lists (exec_args.c), read where they
 * are, in the caller's memory or the kernel's: measured against Linux's
 * limits first, then copied string by string straight into the new
 * program's stack.  Nothing is held in between, so the lists may be as
 * long as Linux allows without the kernel keeping a copy.
 */
#ifndef GUEST_EXEC_ARGS_H
#define GUEST_EXEC_ARGS_H

#include <lguest/types.h>

/* Linux's MAX_ARG_STRLEN: one string, its NUL included. */
#define MAX_ARG_STRLEN	(32u * 4096)
/* Kernel strings in front of a list: each #! level replaces the first
 * entry with at most three (interpreter, argument, script), and exec
 * follows four levels. */
#define STRV_FRONT	9

/* nfront kernel strings, then the entries of a NULL-terminated array
 * from index skip on: the kernel's (kernel) or, when kernel is NULL, the
 * user's at address user (0: none). */
struct strv {
	const char *front[STRV_FRONT];
	u32 nfront, skip;
	char *const *kernel;
	u32 user;
	u32 n;		/* how many entries in all: set by strv_measure */
};

struct strv strv_user(u32 uarr);
struct strv strv_kernel(char *const v[]);

/* A #! script's argv: interp, arg (unless NULL) and the script's path in
 * place of v's first entry.  -ELOOP when there is no room in front. */
long strv_script(struct strv *v, const char *interp, const char *arg, const char *path);

/* As Linux's execve: both lists counted (-EFAULT for an array the caller
 * may not read), then every string read (-EFAULT), none longer than
 * MAX_ARG_STRLEN and all of them, with execfn_len + 1 for the program's
 * path and a pointer each, within the caller's limit (a quarter of its
 * stack limit): -E2BIG beyond.  An empty argv gets "" as its argv[0].
 * *strings: the bytes of both lists' strings, NULs included. */
long strv_measure(struct strv *argv, struct strv *envp, u32 execfn_len, u32 *strings);

/* Entry i (< v->n): the string, readable for *len bytes (its NUL
 * included, which the caller writes itself: user memory may change), or
 * -EFAULT, or -E2BIG if it has grown past MAX_ARG_STRLEN. */
long strv_get(const struct strv *v, u32 i, const char **s, u32 *len);

#endif
