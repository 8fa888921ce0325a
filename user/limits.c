/*
 * The kernel's limits hold without taking it down: forking past the
 * process table fails with EAGAIN; a program that touches more memory
 * than there is dies of SIGKILL, and the memory comes back.  Orphans are
 * PID 1's to reap.  (Guest only: Linux's limits here are the machine's.)
 */
#include "lib/user.h"

#define SIGKILL 9

static long fork_(void)
{
	return syscall3(SYS_fork, 0, 0, 0);
}

static long wait_for(long pid)
{
	int status = -1;
	long r = syscall6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);

	return r <= 0 ? r : status;
}

int main(void)
{
	static long kids[128];
	long n = 0, r, pid;

	while ((r = fork_()) > 0 && n < 128)
		kids[n++] = r;
	if (r == 0)
		for (;;)
			syscall3(SYS_pause, 0, 0, 0);
	print_num("fork past the limit gave -", (u64)-r);
	print("\n");
	for (long i = 0; i < n; i++) {
		syscall3(SYS_kill, kids[i], SIGKILL, 0);
		wait_for(kids[i]);
	}

	for (int round = 0; round < 2; round++) {
		if (!(pid = fork_())) {
			for (;;) {
				char *p = mmap_anon(1 << 20);

				if ((long)p < 0 && (long)p > -4096)
					exit(1);
				for (u32 i = 0; i < (1 << 20); i += 4096)
					p[i] = 1;
			}
		}
		print_num("memory hog's status ", (u64)wait_for(pid));
		print("\n");
	}

	/* An orphan: its parent gone, PID 1 (us) waits for it. */
	if (!(pid = fork_())) {
		if (!fork_()) {
			long ts[2] = { 0, 20000000 };

			syscall3(SYS_nanosleep, (long)ts, 0, 0);
			exit(6);
		}
		exit(0);
	}
	wait_for(pid);
	print_num("orphan reaped by PID 1: status ", (u64)wait_for(-1));
	print("\n");
	print("limits: done\n");
	return 0;
}
