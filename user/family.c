/*
 * Processes as Linux makes them: fork, vfork, clone, execve of a program
 * and of a #! script, wait4's statuses, process groups.  Prints what it
 * sees; tests/boot/linux_procs.sh compares that with the same program run
 * on Linux.
 */
#include "lib/user.h"

#define WNOHANG 1
#define CLONE_CHILD_SETTID 0x01000000

static char *self;

static long wait_for(long pid, long options)
{
	int status = -1;
	long r = syscall6(SYS_wait4, pid, (long)&status, options, 0, 0, 0);

	return r <= 0 ? r : status;
}

/* Exec'd by the tests below: what it was given, then exit 5. */
static int exec_child(int argc, char **argv)
{
	char **envp = argv + argc + 1;

	for (int i = 1; i < argc; i++) {
		print("argv: ");
		print(argv[i]);
		print("\n");
	}
	for (; *envp; envp++) {
		print("envp: ");
		print(*envp);
		print("\n");
	}
	return 5;
}

int main(int argc, char **argv)
{
	long pid, me = getpid();
	int tid = 0;

	if (argc > 1 && argv[1][0] == '-')
		return exec_child(argc, argv);
	self = argv[0];

	/* An exit code comes back as code << 8. */
	if (!(pid = syscall3(SYS_fork, 0, 0, 0)))
		exit(3);
	say("fork: child status", wait_for(pid, 0));

	/* The child's parent is us; wait4 with nothing left is ECHILD. */
	if (!(pid = syscall3(SYS_fork, 0, 0, 0)))
		exit(syscall3(SYS_getppid, 0, 0, 0) == me ? 0 : 1);
	say("getppid in child is the parent: status", wait_for(pid, 0));
	say("wait4 with no children", wait_for(-1, 0));

	/* WNOHANG: 0 while it runs; then its status. */
	if (!(pid = syscall3(SYS_fork, 0, 0, 0))) {
		long ts[2] = { 0, 50000000 };

		syscall3(SYS_nanosleep, (long)ts, 0, 0);
		exit(0);
	}
	say("wait4 WNOHANG while it runs", wait_for(pid, WNOHANG));
	say("then", wait_for(pid, 0));

	/* Deaths by signal: the number, and never a core bit. */
	if (!(pid = syscall3(SYS_fork, 0, 0, 0)))
		for (;;)
			syscall3(SYS_pause, 0, 0, 0);
	syscall3(SYS_kill, pid, 15, 0);
	say("killed by SIGTERM: status", wait_for(pid, 0));
	if (!(pid = syscall3(SYS_fork, 0, 0, 0)))
		asm volatile("movl $1, 16");
	say("segfault: status", wait_for(pid, 0));

	/* Memory is copied: the child's writes stay its own. */
	{
		static volatile int shared = 1;

		if (!(pid = syscall3(SYS_fork, 0, 0, 0))) {
			shared = 2;
			exit(shared);
		}
		say("child wrote its copy: status", wait_for(pid, 0));
		say("ours still", shared);
	}

	/* vfork: the parent waits until the child execs; the program gets
	 * argv and envp as given. */
	{
		char *args[] = { self, "-exec", "two words", 0 };
		char *env[] = { "KEY=value", "EMPTY=", 0 };

		if (!(pid = syscall3(SYS_vfork, 0, 0, 0))) {
			syscall3(SYS_execve, (long)self, (long)args, (long)env);
			exit(99);
		}
		say("vfork+execve: status", wait_for(pid, 0));
	}

	/* A #! script: interpreter, its one argument, the script, the rest. */
	if (!(pid = syscall3(SYS_fork, 0, 0, 0))) {
		char *args[] = { "shebang", "arg1", 0 }, *env[] = { 0 };

		syscall3(SYS_execve, (long)"shebang", (long)args, (long)env);
		exit(98);
	}
	say("#! script: status", wait_for(pid, 0));

	/* execve's failures leave the caller running. */
	{
		char *args[] = { "nothing-here", 0 };

		say("execve of a missing file", syscall3(SYS_execve, (long)"nothing-here",
							 (long)args, 0));
	}

	/* clone as glibc's fork calls it: the child's tid written for it. */
	pid = syscall6(SYS_clone, CLONE_CHILD_SETTID | SIGCHLD, 0, 0, 0, (long)&tid, 0);
	if (!pid)
		exit(tid == getpid() ? 0 : 1);
	say("clone CHILD_SETTID: status", wait_for(pid, 0));
	say("parent's tid untouched", tid);

	/* A new session: its own group, and it leads both. */
	if (!(pid = syscall3(SYS_fork, 0, 0, 0)))
		exit(syscall3(SYS_setsid, 0, 0, 0) == getpid() ? 0 : 1);
	say("setsid in child: status", wait_for(pid, 0));
	print("family: done\n");
	return 0;
}
