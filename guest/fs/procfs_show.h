/*
 * The text of /proc's files (procfs_show.c), from plain values: Linux's
 * formats exactly (fs/proc/array.c, meminfo.c, ...) for the fields
 * programs parse, so busybox's ps, top, free and uptime read them as they
 * read Linux's.  Plain C: the unit test formats them natively.
 */
#ifndef GUEST_PROCFS_SHOW_H
#define GUEST_PROCFS_SHOW_H

#include <lguest/types.h>

/* A text being built in buf[size]; what does not fit is cut, len counts
 * only what is kept. */
struct text {
	char *buf;
	u32 size, len;
};
void text_add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* What /proc/PID/stat and status tell of one process. */
struct proc_info {
	int pid, ppid, pgid, sid;
	char comm[16];
	char state;			/* R S T Z, as Linux's letters */
	int sleeping;			/* waits in the kernel (wchan) */
	u32 utime, stime, cutime, cstime;	/* clock ticks (100 a second) */
	u32 vsize, rss_pages;		/* bytes, pages present */
	u32 data_kb, stack_kb, exe_kb;	/* VmData, VmStk, VmExe */
	u32 start_code, end_code, start_data, end_data, start_brk;
	u32 arg_start, arg_end, env_start, env_end;
	u64 sig_pending, sig_blocked, sig_ignored, sig_caught;
	u32 umask;
	int fds;			/* FDSize */
	int exit_code;			/* a zombie's wait status, else 0 */
	int has_mm;			/* 0 for a zombie: no Vm lines */
};

void show_stat(struct text *t, const struct proc_info *p);
void show_status(struct text *t, const struct proc_info *p);
void show_meminfo(struct text *t, u32 total_kb, u32 free_kb);
/* Seconds since boot and seconds idle, both in ns. */
void show_uptime(struct text *t, u64 up_ns, u64 idle_ns);
void show_loadavg(struct text *t, int running, int total, int last_pid);
/* fs/proc/stat.c, for one CPU: the times in clock ticks. */
void show_cpu_stat(struct text *t, u32 user, u32 system, u32 idle, int processes, int running);

#endif
