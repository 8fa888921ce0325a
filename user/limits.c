/*
 * The kernel's limits hold without taking it down: forking past the
 * process table fails with EAGAIN, and once the children are reaped every
 * page is back (/proc/meminfo's MemFree: fork shares pages, so a count
 * gone wrong would leak them); a program that touches more memory
 * than there is dies of SIGKILL, and the memory comes back.  Orphans are
 * PID 1's to reap.  (Guest only: Linux's limits here are the machine's.)
 */
#include "lib/user.h"

#define SYS_open 5
#define SYS_close 6
#define SYS_mount 21
#define SYS_mkdir 39

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

/* /proc/meminfo's MemFree, in kB; 0 if it cannot be read. */
static u64 mem_free(void)
{
	static char buf[1024];
	long fd = syscall3(SYS_open, (long)"/proc/meminfo", 0, 0), n;
	u64 kb = 0;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	syscall3(SYS_close, fd, 0, 0);
	buf[n > 0 ? n : 0] = 0;
	for (char *p = buf; *p; p++) {
		const char *key = "MemFree:";
		int i = 0;

		while (key[i] && p[i] == key[i])
			i++;
		if (key[i])
			continue;
		for (p += i; *p == ' '; p++)
			;
		while (*p >= '0' && *p <= '9')
			kb = kb * 10 + (u64)(*p++ - '0');
		break;
	}
	return kb;
}

/* Fork until the table is full, every child paused and sharing our
 * pages; then kill and reap them all. */
static void fork_bomb(void)
{
	static long kids[128];
	long n = 0, r;

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
}

int main(void)
{
	u64 free_before, free_after;
	long pid;

	syscall3(SYS_mkdir, (long)"/proc", 0555, 0);
	syscall6(SYS_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0, 0);
	/* The first bomb may leave the kernel's caches grown; the second
	 * must give back every page it took. */
	fork_bomb();
	free_before = mem_free();
	fork_bomb();
	free_after = mem_free();
	if (free_before && free_after == free_before) {
		print("MemFree after a second fork bomb: unchanged\n");
	} else {
		print_num("MemFree before a second fork bomb: ", free_before);
		print_num(" kB, after: ", free_after);
		print(" kB\n");
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
