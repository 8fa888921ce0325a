/*
 * What a program asks about the system and itself: uname, sysinfo, its
 * resource limits, its ids (the Guest runs everything as root).
 */
#include "boot/guest.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/syscalls.h"
#include "kstring.h"
#include "mm/uaccess.h"

long sys_uname(u32 ubuf)
{
	/* Linux's struct new_utsname: six fields of 65 bytes. */
	static const char fields[6][65] = {
		"Linux", "lguest", "6.1.0-lguest", "#1 SMP lguest", "i686", "(none)",
	};

	return copy_to_user(ubuf, fields, sizeof(fields));
}

long sys_sysinfo(u32 ubuf)
{
	struct {
		s32 uptime;
		u32 loads[3];
		u32 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
		u16 procs, pad;
		u32 totalhigh, freehigh, mem_unit;
		char reserved[8];
	} si;
	u16 n = 0;

	memset(&si, 0, sizeof(si));
	for (struct proc *p = proc_next(NULL); p; p = proc_next(p))
		n++;
	si.uptime = (s32)(clock_ns() / 1000000000ull);
	si.totalram = boot_info->mem_size;
	si.freeram = frames_available() * PAGE_SIZE;
	si.procs = n;
	si.mem_unit = 1;
	return copy_to_user(ubuf, &si, sizeof(si));
}

#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_NPROC	6
#define RLIMIT_NOFILE	7
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0ull)

/* What the kernel enforces, as limits; everything else is unlimited. */
static u64 limit(u32 resource)
{
	switch (resource) {
	case RLIMIT_STACK: return STACK_MAX;
	case RLIMIT_CORE: return 0;
	case RLIMIT_NPROC: return MAX_PROCS;
	case RLIMIT_NOFILE: return MAX_FDS;
	}
	return RLIM_INFINITY;
}

long sys_prlimit64(u32 pid, u32 resource, u32 unew, u32 uold)
{
	u64 lim[2];

	if (pid && (int)pid != current->pid && !proc_by_pid((int)pid))
		return -ESRCH;
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	lim[0] = lim[1] = limit(resource);
	if (uold && copy_to_user(uold, lim, sizeof(lim)) < 0)
		return -EFAULT;
	/* Setting: accepted at or below what we enforce anyway. */
	if (unew) {
		u64 want[2];

		if (copy_from_user(want, unew, sizeof(want)) < 0)
			return -EFAULT;
		if (want[0] > want[1])
			return -EINVAL;
	}
	return 0;
}

/* The old interface: 32-bit values, infinity as ~0. */
long sys_ugetrlimit(u32 resource, u32 ubuf)
{
	u64 l;
	u32 lim[2];

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	l = limit(resource);
	lim[0] = lim[1] = l > 0xFFFFFFFFull ? 0xFFFFFFFFu : (u32)l;
	return copy_to_user(ubuf, lim, sizeof(lim));
}

long sys_getrlimit(u32 resource, u32 ubuf)
{
	/* The oldest one's infinity is 0x7FFFFFFF. */
	u32 lim[2];

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	lim[0] = lim[1] = limit(resource) > 0x7FFFFFFFull ? 0x7FFFFFFFu : (u32)limit(resource);
	return copy_to_user(ubuf, lim, sizeof(lim));
}

long sys_setrlimit(u32 resource, u32 ubuf)
{
	u32 lim[2];

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_from_user(lim, ubuf, sizeof(lim));
}

/* Root, always: every id is 0, and setting one to 0 is allowed. */
long sys_getuid(void)
{
	return 0;
}

long sys_setuid(u32 id)
{
	return 0;
}

long sys_setresuid(u32 r, u32 e, u32 s)
{
	return 0;
}

long sys_getresuid(u32 ur, u32 ue, u32 us)
{
	u32 zero = 0;

	if (copy_to_user(ur, &zero, 4) < 0 || copy_to_user(ue, &zero, 4) < 0 ||
	    copy_to_user(us, &zero, 4) < 0)
		return -EFAULT;
	return 0;
}

long sys_getgroups(u32 size, u32 list)
{
	return 0;
}

/* prctl: a process's name (busybox names each applet with it), and
 * nothing else yet. */
#define PR_SET_NAME 15
#define PR_GET_NAME 16

long sys_prctl(u32 option, u32 arg2)
{
	char name[16];
	long n;

	switch (option) {
	case PR_SET_NAME:
		n = strncpy_from_user(name, arg2, sizeof(name));
		if (n == -EFAULT)
			return n;
		name[sizeof(name) - 1] = '\0';	/* Linux cuts a long name */
		memcpy(current->comm, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		return copy_to_user(arg2, current->comm, sizeof(current->comm));
	default:
		return -EINVAL;
	}
}

/* getrandom: the kernel's generator, seeded by the TSC at boot and
 * stirred by every call's TSC.  Not for keys; programs here want hash
 * seeds and temporary names. */
long sys_getrandom(u32 ubuf, u32 len, u32 flags)
{
	static u64 state;
	u8 chunk[64];

	if (len > 1u << 20)
		len = 1u << 20;
	state ^= rdtsc();
	for (u32 done = 0; done < len;) {
		u32 n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);

		for (u32 i = 0; i < n; i++) {
			/* xorshift64* */
			state ^= state >> 12;
			state ^= state << 25;
			state ^= state >> 27;
			chunk[i] = (u8)((state * 0x2545F4914F6CDD1Dull) >> 56);
		}
		if (copy_to_user(ubuf + done, chunk, n))
			return -EFAULT;
		done += n;
	}
	return (long)len;
}

/* glibc registers its robust-futex list at start.  With one thread per
 * process no lock outlives its owner unseen, so there is nothing to
 * keep: the call succeeds, as on Linux. */
long sys_set_robust_list(u32 head, u32 len)
{
	return len == 12 ? 0 : -EINVAL;	/* sizeof(struct robust_list_head) */
}

/* Restartable sequences: glibc asks, and runs without them when the
 * kernel says ENOSYS (as kernels before 4.18 do).  Said here so it is a
 * decision, not a gap the kernel reports. */
long sys_rseq(void)
{
	return -ENOSYS;
}
