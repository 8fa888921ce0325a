/*
 * execve's argument limits as Linux has them: a string of up to
 * MAX_ARG_STRLEN (131072 bytes with its NUL), argv and envp together (their
 * strings, a pointer each, and the program's path) up to a quarter of the
 * stack limit, E2BIG past either; EFAULT for an array or a string the
 * caller cannot read; an empty argv made [""].  Prints what it sees;
 * tests/boot/linux_procs.sh compares that with the same program on Linux.
 */
#include "lib/user.h"

#define SYS_setrlimit	75
#define RLIMIT_STACK	3
#define STRLEN_MAX	131072u		/* with the NUL */
#define LIMIT		(2u << 20)	/* 8 MiB / 4 */

/* Both here and on Linux the program runs in its own directory: the same
 * path, of the same length, which the limit counts. */
static char *self = "./execargs";
/* STRLEN_MAX - 1 'x's and a NUL: any shorter string is a tail of it. */
static char *xs;

static char *xstring(u32 len)
{
	return xs + (STRLEN_MAX - 1 - len);
}

/* Exec'd: what it was given, without the strings themselves. */
static int child(int argc, char **argv)
{
	char **envp = argv + argc + 1;
	u32 bytes = 0, envc = 0;

	for (int i = 1; i < argc; i++)
		bytes += strlen(argv[i]);
	while (envp[envc])
		envc++;
	say("  child argc", argc);
	say("  child argv[0] length", strlen(argv[0]));
	say("  child bytes after argv[0]", bytes);
	say("  child envc", envc);
	return 0;
}

/* execve in a child: what the child printed, or execve's error. */
static void run(const char *what, char **argv, char **envp)
{
	int status = -1;
	long pid;

	print(what);
	print("\n");
	if (!(pid = syscall3(SYS_fork, 0, 0, 0))) {
		say("  execve", syscall3(SYS_execve, (long)self, (long)argv, (long)envp));
		exit(0);
	}
	syscall6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
	say("  status", status);
}

/* argv[0] self, then n strings of len bytes, and one of last bytes (none
 * if last is 0): total, with their NULs. */
static char **args(char **v, u32 n, u32 len, u32 last)
{
	u32 k = 0;

	v[k++] = self;
	while (n--)
		v[k++] = xstring(len);
	if (last)
		v[k++] = xstring(last - 1);
	v[k] = 0;
	return v;
}

int main(int argc, char **argv)
{
	u32 limits[2] = { 8u << 20, 8u << 20 };
	char *env[] = { 0 }, **v, *unterminated;
	u32 fixed, room, n;

	/* Run with no arguments: the test; with some, or an empty argv[0],
	 * the program it execs. */
	if (argc != 1 || !argv[0][0])
		return child(argc, argv);
	/* The limit is a quarter of the stack limit: the same here and there. */
	syscall3(SYS_setrlimit, RLIMIT_STACK, (long)limits, 0);
	xs = (char *)mmap_anon(STRLEN_MAX + 4096) + 4096;
	xs[-1] = 'y';
	for (u32 i = 0; i < STRLEN_MAX - 1; i++)
		xs[i] = 'x';
	xs[STRLEN_MAX - 1] = 0;
	v = mmap_anon(700000 * 4);

	run("one string of the longest", args(v, 1, STRLEN_MAX - 1, 0), env);
	args(v, 0, 0, 0);
	v[1] = xs - 1;
	v[2] = 0;
	run("one string a byte longer", v, env);

	/* The path, argv[0], 20 strings and one more fill the limit, with a
	 * pointer each: 4 bytes on i386 Linux (and here), 8 on a 64-bit
	 * Linux running this: at the limit either way, then past both. */
	fixed = 2 * (strlen(self) + 1) + 20 * 100000;
	room = LIMIT - fixed - 8 * 22;
	run("argv and its pointers at the limit", args(v, 20, 100000 - 1, room), env);
	room = LIMIT - fixed - 4 * 22;
	run("one byte past it", args(v, 20, 100000 - 1, room + 1), env);

	/* Many small ones: 200000 fit, 600000 pointers alone do not. */
	for (n = 1; n <= 200000; n++)
		v[n] = "1";
	v[n] = 0;
	run("200000 arguments", v, env);
	for (; n < 600000; n++)
		v[n] = "";
	v[n] = 0;
	run("600000 arguments", v, env);

	/* The environment counts too, and an empty argv is [""]. */
	args(v, 0, 0, 0);
	run("argv NULL", 0, v + 1);
	run("argv empty, 16 big environment strings", v + 1, args(v + 2, 15, 100000 - 1, 0));
	run("argv empty, 21 of them", v + 1, args(v + 2, 21, 100000 - 1, 0));

	/* What the caller cannot read. */
	run("argv unmapped", (char **)0x1000, env);
	v[0] = self;
	v[1] = (char *)0x1000;
	v[2] = 0;
	run("argv[1] unmapped", v, env);
	run("envp unmapped", args(v, 0, 0, 0), (char **)0x1000);
	unterminated = mmap_anon(8192);
	syscall3(SYS_munmap, (long)unterminated + 4096, 4096, 0);
	for (int i = 0; i < 4096; i++)
		unterminated[i] = 'z';
	v[1] = unterminated;
	v[2] = 0;
	run("argv[1] runs into unmapped memory", v, env);
	return 0;
}
