/* The text of /proc's files (procfs_show.h). */
#include "fs/procfs_show.h"
#include "format.h"
#include <stdarg.h>

void text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len + 1 >= t->size)
		return;
	va_start(ap, fmt);
	n = vformat(t->buf + t->len, t->size - t->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	t->len += (u32)n < t->size - t->len ? (u32)n : t->size - t->len - 1;
}

/* fs/proc/array.c do_task_stat: 52 fields.  Those this kernel has no
 * notion of are 0, as Linux shows them for what it hides (kstkesp,
 * kstkeip) or does not have (nswap); rsslim is RLIM_INFINITY as i386's
 * unsigned long; the signal words are the obsolete 31-bit ones. */
void show_stat(struct text *t, const struct proc_info *p)
{
	text_add(t, "%d (%s) %c %d %d %d 0 -1 %u 0 0 0 0 %u %u %u %u 20 0 1 0 0 %u %u 4294967295",
		 p->pid, p->comm, p->state, p->ppid, p->pgid, p->sid,
		 p->has_mm ? 0x400000u : 0x400004u,	/* PF_RANDOMIZE; PF_EXITING */
		 p->utime, p->stime, p->cutime, p->cstime, p->vsize, p->rss_pages);
	text_add(t, " %u %u %u 0 0 %u %u %u %u %u 0 0 17 0 0 0 0 0 0",
		 p->start_code, p->end_code, p->arg_start ? p->arg_start - 4 : 0,
		 (u32)p->sig_pending & 0x7fffffffu, (u32)p->sig_blocked & 0x7fffffffu,
		 (u32)p->sig_ignored & 0x7fffffffu, (u32)p->sig_caught & 0x7fffffffu,
		 p->sleeping ? 1u : 0u);
	text_add(t, " %u %u %u %u %u %u %u %d\n",
		 p->start_data, p->end_data, p->start_brk, p->arg_start, p->arg_end,
		 p->env_start, p->env_end, p->exit_code);
}

static const char *state_name(char state)
{
	switch (state) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	}
	return "? (unknown)";
}

/* fs/proc/array.c proc_pid_status, the lines that mean something here. */
void show_status(struct text *t, const struct proc_info *p)
{
	text_add(t, "Name:\t%s\nUmask:\t0%u%u%u\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
		 "PPid:\t%d\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
		 "FDSize:\t%d\nGroups:\t \nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		 p->comm, (p->umask >> 6) & 7, (p->umask >> 3) & 7, p->umask & 7, state_name(p->state), p->pid, p->pid, p->ppid, p->fds,
		 p->pid, p->pid, p->pgid, p->sid);
	if (p->has_mm)
		text_add(t, "VmPeak:\t%8u kB\nVmSize:\t%8u kB\nVmLck:\t       0 kB\n"
			 "VmPin:\t       0 kB\nVmHWM:\t%8u kB\nVmRSS:\t%8u kB\n"
			 "VmData:\t%8u kB\nVmStk:\t%8u kB\nVmExe:\t%8u kB\nVmLib:\t       0 kB\n"
			 "VmSwap:\t       0 kB\n",
			 p->vsize / 1024, p->vsize / 1024, p->rss_pages * 4, p->rss_pages * 4,
			 p->data_kb, p->stack_kb, p->exe_kb);
	text_add(t, "Threads:\t1\nSigQ:\t0/%d\nSigPnd:\t%016llx\nShdPnd:\t0000000000000000\n"
		 "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		 0, (unsigned long long)p->sig_pending, (unsigned long long)p->sig_blocked,
		 (unsigned long long)p->sig_ignored, (unsigned long long)p->sig_caught);
}

/* fs/proc/meminfo.c: each name padded to 16 columns, the value to 8.
 * All memory not free is the kernel's or a program's: nothing is cache,
 * and there is no swap. */
void show_meminfo(struct text *t, u32 total_kb, u32 free_kb)
{
	static const char *const zero[] = {
		"Buffers:", "Cached:", "SwapCached:", "SwapTotal:", "SwapFree:", "Shmem:",
	};

	text_add(t, "%-16s%8u kB\n%-16s%8u kB\n%-16s%8u kB\n",
		 "MemTotal:", total_kb, "MemFree:", free_kb, "MemAvailable:", free_kb);
	for (unsigned i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		text_add(t, "%-16s%8u kB\n", zero[i], 0u);
}

/* fs/proc/uptime.c: seconds with two decimals. */
void show_uptime(struct text *t, u64 up_ns, u64 idle_ns)
{
	unsigned long long up_cs = up_ns / 10000000, idle_cs = idle_ns / 10000000;

	text_add(t, "%llu.%02llu %llu.%02llu\n", up_cs / 100, up_cs % 100, idle_cs / 100,
		 idle_cs % 100);
}

/* fs/proc/loadavg.c: no load is kept, so the averages are 0. */
void show_loadavg(struct text *t, int running, int total, int last_pid)
{
	text_add(t, "0.00 0.00 0.00 %d/%d %d\n", running, total, last_pid);
}

/* fs/proc/stat.c: the sum line ("cpu" and two spaces), then each CPU;
 * the columns this kernel does not count (nice, iowait, irq, ...) are 0. */
void show_cpu_stat(struct text *t, u32 user, u32 system, u32 idle, int processes, int running)
{
	text_add(t, "cpu  %u 0 %u %u 0 0 0 0 0 0\ncpu0 %u 0 %u %u 0 0 0 0 0 0\n"
		 "intr 0\nctxt 0\nprocesses %d\nprocs_running %d\nprocs_blocked 0\n",
		 user, system, idle, user, system, idle, processes, running);
}
