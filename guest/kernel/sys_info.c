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

/* Linux's INIT_RLIMITS, but at most what the Guest has room for: its
 * stack is mapped STACK_MAX long, a process has MAX_FDS descriptors, and
 * there are MAX_PROCS processes. */
void rlimits_init(struct proc *p)
{
	for (int r = 0; r < RLIM_NLIMITS; r++)
		p->rlim[r] = (struct rlimit_k){ RLIM_INFINITY, RLIM_INFINITY };
	p->rlim[RLIMIT_STACK] = (struct rlimit_k){ STACK_MAX, STACK_MAX };
	p->rlim[RLIMIT_CORE] = (struct rlimit_k){ 0, RLIM_INFINITY };
	p->rlim[RLIMIT_NPROC] = (struct rlimit_k){ MAX_PROCS, MAX_PROCS };
	p->rlim[RLIMIT_NOFILE] = (struct rlimit_k){ MAX_FDS, MAX_FDS };
	p->rlim[RLIMIT_MEMLOCK] = (struct rlimit_k){ 8u << 20, 8u << 20 };
	p->rlim[RLIMIT_MSGQUEUE] = (struct rlimit_k){ 819200, 819200 };
	p->rlim[RLIMIT_NICE] = (struct rlimit_k){ 0, 0 };
	p->rlim[RLIMIT_RTPRIO] = (struct rlimit_k){ 0, 0 };
}

/* The most a hard limit can be here: above it, EPERM, as Linux answers a
 * NOFILE above its nr_open. */
static u64 ceiling(u32 resource)
{
	switch (resource) {
	case RLIMIT_STACK: return STACK_MAX;
	case RLIMIT_NPROC: return MAX_PROCS;
	case RLIMIT_NOFILE: return MAX_FDS;
	}
	return RLIM_INFINITY;
}

/* Linux's do_prlimit: the old limits out, then the new ones in (root may
 * raise a hard limit, up to the ceiling). */
static long do_prlimit(struct proc *p, u32 resource, const struct rlimit_k *new,
		       struct rlimit_k *old)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->cur > new->max)
		return -EINVAL;
	if (new && new->max > ceiling(resource))
		return -EPERM;
	if (old)
		*old = p->rlim[resource];
	if (new)
		p->rlim[resource] = *new;
	return 0;
}

long sys_prlimit64(u32 pid, u32 resource, u32 unew, u32 uold)
{
	struct proc *p = pid && (int)pid != current->pid ? proc_by_pid((int)pid) : current;
	struct rlimit_k new, old;
	long r;

	if (!p)
		return -ESRCH;
	if (unew && copy_from_user(&new, unew, sizeof(new)) < 0)
		return -EFAULT;
	if ((r = do_prlimit(p, resource, unew ? &new : NULL, &old)) < 0)
		return r;
	return uold ? copy_to_user(uold, &old, sizeof(old)) : 0;
}

/* The 32-bit interfaces: a value too big for 32 bits is infinity, which
 * is ~0 in ugetrlimit's and setrlimit's struct and 0x7FFFFFFF in the
 * oldest getrlimit's. */
static long get32(u32 resource, u32 ubuf, u32 infinity)
{
	struct rlimit_k l;
	u32 lim[2];
	long r = do_prlimit(current, resource, NULL, &l);

	if (r < 0)
		return r;
	lim[0] = l.cur > infinity ? infinity : (u32)l.cur;
	lim[1] = l.max > infinity ? infinity : (u32)l.max;
	return copy_to_user(ubuf, lim, sizeof(lim));
}

long sys_ugetrlimit(u32 resource, u32 ubuf)
{
	return get32(resource, ubuf, 0xFFFFFFFFu);
}

long sys_getrlimit(u32 resource, u32 ubuf)
{
	return get32(resource, ubuf, 0x7FFFFFFFu);
}

long sys_setrlimit(u32 resource, u32 ubuf)
{
	u32 lim[2];
	struct rlimit_k l;

	if (copy_from_user(lim, ubuf, sizeof(lim)) < 0)
		return -EFAULT;
	l.cur = lim[0] == 0xFFFFFFFFu ? RLIM_INFINITY : lim[0];
	l.max = lim[1] == 0xFFFFFFFFu ? RLIM_INFINITY : lim[1];
	return do_prlimit(current, resource, &l, NULL);
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
