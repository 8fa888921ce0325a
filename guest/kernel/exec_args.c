/* exec's argument and environment lists (exec_args.h). */
#include "kernel/exec_args.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kstring.h"
#include "mm/uaccess.h"

/* Linux's ARG_MAX: the least the limit is, whatever the stack limit. */
#define ARG_MIN_LIMIT	(32u * 4096)
/* Linux's _STK_LIM / 4 * 3: the most it is. */
#define ARG_MAX_LIMIT	(6u << 20)

struct strv strv_user(u32 uarr)
{
	return (struct strv){ .user = uarr };
}

struct strv strv_kernel(char *const v[])
{
	return (struct strv){ .kernel = v };
}

long strv_script(struct strv *v, const char *interp, const char *arg, const char *path)
{
	const char *front[STRV_FRONT];
	u32 n = 0;

	if (v->nfront + 2 > STRV_FRONT)
		return -ELOOP;
	front[n++] = interp;
	if (arg)
		front[n++] = arg;
	front[n++] = path;
	if (v->nfront == 0)
		v->skip = 1;	/* the array's argv[0] is replaced */
	for (u32 i = 1; i < v->nfront; i++)
		front[n++] = v->front[i];
	memcpy(v->front, front, n * sizeof(front[0]));
	v->nfront = n;
	return 0;
}

/* The array's entry i: a kernel pointer, or a user address; -EFAULT. */
static long array_entry(const struct strv *v, u32 i, u32 *p)
{
	if (v->kernel) {
		*p = (u32)v->kernel[i];
		return 0;
	}
	return copy_from_user(p, v->user + i * 4, 4);
}

/* The array's entries, at most max of them: -E2BIG past that, as each
 * costs a pointer of the limit. */
static long array_count(const struct strv *v, u32 max, u32 *n)
{
	u32 p;

	*n = 0;
	if (!v->kernel && !v->user)
		return 0;
	for (;; (*n)++) {
		if (*n > max)
			return -E2BIG;
		if (array_entry(v, *n, &p) < 0)
			return -EFAULT;
		if (!p)
			return 0;
	}
}

/* The string at p of the array, its length with the NUL; as strv_get. */
static long array_string(const struct strv *v, u32 p, const char **s, u32 *len)
{
	long r;

	if (v->kernel)
		r = (long)strlen((const char *)p) + 1;
	else if ((r = strnlen_user(p, MAX_ARG_STRLEN)) == -ENAMETOOLONG)
		return -E2BIG;
	if (r < 0)
		return r;
	if ((u32)r > MAX_ARG_STRLEN)
		return -E2BIG;
	*s = (const char *)p;
	*len = (u32)r;
	return 0;
}

long strv_get(const struct strv *v, u32 i, const char **s, u32 *len)
{
	u32 p;

	if (i < v->nfront) {
		*s = v->front[i];
		*len = (u32)strlen(*s) + 1;
		return *len > MAX_ARG_STRLEN ? -E2BIG : 0;
	}
	if (array_entry(v, i - v->nfront + v->skip, &p) < 0)
		return -EFAULT;
	return array_string(v, p, s, len);
}

/* Every string of v (the array's skipped ones read too, as Linux reads
 * them before a script's handler drops them) added to *bytes, at most
 * budget in all. */
static long measure_strings(const struct strv *v, u32 array_n, u32 budget, u32 *bytes)
{
	const char *s;
	u32 len, p;
	long r;

	for (u32 i = 0; i < v->skip && i < array_n; i++)
		if ((r = array_entry(v, i, &p)) < 0 || (r = array_string(v, p, &s, &len)) < 0)
			return r;
	for (u32 i = 0; i < v->n; i++) {
		if ((r = strv_get(v, i, &s, &len)) < 0)
			return r;
		if (len > budget - *bytes)
			return -E2BIG;
		*bytes += len;
	}
	return 0;
}

/* Linux's bprm_stack_limits: a quarter of the stack limit, within
 * [ARG_MIN_LIMIT, ARG_MAX_LIMIT]. */
static u32 arg_limit(void)
{
	u64 quarter = current->rlim[RLIMIT_STACK].cur / 4;

	return quarter < ARG_MIN_LIMIT ? ARG_MIN_LIMIT :
	       quarter > ARG_MAX_LIMIT ? ARG_MAX_LIMIT : (u32)quarter;
}

long strv_measure(struct strv *argv, struct strv *envp, u32 execfn_len, u32 *strings)
{
	u32 limit = arg_limit(), argn, envn, ptrs, bytes = execfn_len + 1;
	long r;

	/* Counting stops where the pointers alone would pass the limit. */
	if ((r = array_count(argv, limit / 4, &argn)) < 0 ||
	    (r = array_count(envp, limit / 4, &envn)) < 0)
		return r;
	argv->n = argv->nfront + (argn > argv->skip ? argn - argv->skip : 0);
	envp->n = envp->nfront + (envn > envp->skip ? envn - envp->skip : 0);
	ptrs = ((argv->n ? argv->n : 1) + envp->n) * 4;
	if (limit <= ptrs || bytes > limit - ptrs)
		return -E2BIG;
	if ((r = measure_strings(envp, envn, limit - ptrs, &bytes)) < 0 ||
	    (r = measure_strings(argv, argn, limit - ptrs, &bytes)) < 0)
		return r;
	/* Linux gives a program run with no arguments an empty argv[0]
	 * rather than let it read envp as its argv. */
	if (!argv->n) {
		argv->front[argv->nfront++] = "";
		argv->n = 1;
		bytes++;
	}
	*strings = bytes - execfn_len - 1;
	return 0;
}
