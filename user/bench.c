/* The workloads for comparing worlds: "bench-syscall N", "bench-fault N",
 * "bench-yield N" (run two), each printing the TSC ticks it took. */
#include "lib/user.h"

int main(int argc, char **argv)
{
	const char *what = argv[0] + 6;
	u32 n = 10000;
	u64 t0 = rdtsc(), t1;

	if (what[0] == 's') {
		for (u32 i = 0; i < n; i++)
			getpid();
	} else if (what[0] == 'f') {
		char *m = mmap_anon(n * 4096);

		for (u32 i = 0; i < n; i++)
			m[i * 4096] = 1;
		munmap(m, n * 4096);
	} else {
		for (u32 i = 0; i < n; i++)
			sched_yield();
	}
	t1 = rdtsc();
	struct line l = { .len = 0 };

	line_add(&l, argv[0]);
	line_add(&l, ": ");
	line_num(&l, n);
	line_add(&l, " in ");
	line_num(&l, t1 - t0);
	line_add(&l, " TSC ticks\n");
	line_write(&l);
	return 0;
}
