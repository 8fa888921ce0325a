/*
 * Time: a monotonic clock from the TSC (its rate is lguest_data.tsc_khz
 * in both worlds), and the wall clock as that plus a fixed epoch: the
 * machine has no real-time clock we read yet, so the Guest's time of day
 * starts at 2024-01-01 00:00:00 UTC at every boot.  Sleeps end on the
 * timer's tick (10 ms): sleep_on_timeout.
 */
#include "boot/guest.h"
#include "fs/fs.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/syscalls.h"
#include "kernel/timespec.h"
#include "mm/uaccess.h"

#define BOOT_EPOCH	1704067200ull	/* 2024-01-01T00:00:00Z */
#define NS		1000000000ull

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME	2
#define CLOCK_THREAD_CPUTIME	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1

u64 clock_ns(void)
{
	u64 ticks = rdtsc() - entry_tsc, per_sec = (u64)lguest_data.tsc_khz * 1000;

	/* In two parts, so that ticks * 10^9 never overflows. */
	return ticks / per_sec * NS + ticks % per_sec * NS / per_sec;
}

/* The file systems' time stamps (fs_clock): CLOCK_REALTIME, as Linux's
 * current_time(). */
void wall_clock(struct timespec_k *now)
{
	u64 t = clock_ns() + BOOT_EPOCH * NS;

	now->sec = (s64)(t / NS);
	now->nsec = (u32)(t % NS);
}

/* The clock's time in ns, or -EINVAL for a clock there is not. */
static s64 clock_read(u32 clock)
{
	switch (clock) {
	case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
		return (s64)(clock_ns() + BOOT_EPOCH * NS);
	case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		return (s64)clock_ns();
	case CLOCK_PROCESS_CPUTIME: case CLOCK_THREAD_CPUTIME:
		return (s64)(current->utime + current->stime) * 10000000;
	}
	return -EINVAL;
}

long sys_clock_gettime(u32 clock, u32 uts)
{
	s64 t = clock_read(clock);
	struct timespec32 ts = { (s32)(t / (s64)NS), (s32)(t % (s64)NS) };

	if (t < 0)
		return (long)t;
	return copy_to_user(uts, &ts, sizeof(ts));
}

long sys_clock_gettime64(u32 clock, u32 uts)
{
	s64 t = clock_read(clock);
	struct timespec64 ts = { t / (s64)NS, t % (s64)NS };

	if (t < 0)
		return (long)t;
	return copy_to_user(uts, &ts, sizeof(ts));
}

static long getres(u32 clock, u32 uts, int wide)
{
	struct timespec64 ts = { 0, 1 };
	struct timespec32 ts32 = { 0, 1 };

	if (clock_read(clock) < 0)
		return -EINVAL;
	if (!uts)
		return 0;
	return wide ? copy_to_user(uts, &ts, sizeof(ts)) : copy_to_user(uts, &ts32, sizeof(ts32));
}

long sys_clock_getres(u32 clock, u32 uts)
{
	return getres(clock, uts, 0);
}

long sys_clock_getres_time64(u32 clock, u32 uts)
{
	return getres(clock, uts, 1);
}

long sys_gettimeofday(u32 utv, u32 utz)
{
	u64 t = (u64)clock_read(CLOCK_REALTIME);
	struct timespec32 tv = { (s32)(t / NS), (s32)(t % NS / 1000) };
	u32 tz[2] = { 0, 0 };

	if (utv && copy_to_user(utv, &tv, sizeof(tv)) < 0)
		return -EFAULT;
	if (utz && copy_to_user(utz, tz, sizeof(tz)) < 0)
		return -EFAULT;
	return 0;
}

long sys_time(u32 ut)
{
	s32 t = (s32)((u64)clock_read(CLOCK_REALTIME) / NS);

	if (ut && copy_to_user(ut, &t, 4) < 0)
		return -EFAULT;
	return t;
}

static const char nanosleep_chan;

/* Sleep until the clock reads deadline (ns); on a signal, -EINTR and
 * what was left.  The wait is measured on the monotonic clock, which the
 * others run with (the CPU-time clocks stand still meanwhile: each pass
 * waits for what is left of them). */
static long sleep_until(u32 clock, s64 deadline, s64 *left)
{
	s64 now;

	while ((now = clock_read(clock)) < deadline) {
		if (sleep_on_timeout(&nanosleep_chan, clock_ns() + (u64)(deadline - now)) == -EINTR) {
			*left = deadline - clock_read(clock);
			return -EINTR;
		}
	}
	return 0;
}

static long nanosleep_common(u32 clock, u32 flags, s64 sec, s64 nsec, u32 urem, int wide)
{
	s64 left = 0, deadline;
	long r;

	if (sec < 0 || nsec < 0 || nsec >= (s64)NS)
		return -EINVAL;
	if (clock_read(clock) < 0 || clock == CLOCK_THREAD_CPUTIME)
		return -EINVAL;
	deadline = sec * (s64)NS + nsec;
	if (!(flags & TIMER_ABSTIME))
		deadline += clock_read(clock);
	r = sleep_until(clock, deadline, &left);
	if (r == -EINTR && urem && !(flags & TIMER_ABSTIME)) {
		if (left < 0)
			left = 0;
		if (wide) {
			struct timespec64 rem = { left / (s64)NS, left % (s64)NS };

			copy_to_user(urem, &rem, sizeof(rem));
		} else {
			struct timespec32 rem = { (s32)(left / (s64)NS), (s32)(left % (s64)NS) };

			copy_to_user(urem, &rem, sizeof(rem));
		}
	}
	return r;
}

long sys_nanosleep(u32 ureq, u32 urem)
{
	struct timespec32 req;

	if (copy_from_user(&req, ureq, sizeof(req)) < 0)
		return -EFAULT;
	return nanosleep_common(CLOCK_MONOTONIC, 0, req.sec, req.nsec, urem, 0);
}

long sys_clock_nanosleep(u32 clock, u32 flags, u32 ureq, u32 urem)
{
	struct timespec32 req;

	if (copy_from_user(&req, ureq, sizeof(req)) < 0)
		return -EFAULT;
	return nanosleep_common(clock, flags, req.sec, req.nsec, urem, 0);
}

long sys_clock_nanosleep_time64(u32 clock, u32 flags, u32 ureq, u32 urem)
{
	struct timespec64 req;

	if (copy_from_user(&req, ureq, sizeof(req)) < 0)
		return -EFAULT;
	return nanosleep_common(clock, flags, req.sec, req.nsec, urem, 1);
}

/* In ticks of 100 a second (AT_CLKTCK); the return value is the time
 * since boot in the same ticks. */
long sys_times(u32 ubuf)
{
	u32 t[4] = { current->utime, current->stime, current->cutime, current->cstime };

	if (ubuf && copy_to_user(ubuf, t, sizeof(t)) < 0)
		return -EFAULT;
	return (long)(clock_ns() / 10000000);
}
