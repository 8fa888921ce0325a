/*
 * Signal system calls: actions, masks, sending, waiting for one, and the
 * return from a handler (kernel/signal.c does the delivering).
 */
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kstring.h"
#include "mm/uaccess.h"

long sys_rt_sigaction(u32 sig, u32 act, u32 oact, u32 setsize)
{
	struct sigaction_k *a, k;

	if (setsize != 8)
		return -EINVAL;
	if (sig < 1 || sig > NSIG || (act && (SIGBIT(sig) & SIG_UNBLOCKABLE)))
		return -EINVAL;
	a = &current->actions[sig - 1];
	if (act && copy_from_user(&k, act, sizeof(k)) < 0)
		return -EFAULT;
	if (oact && copy_to_user(oact, a, sizeof(*a)) < 0)
		return -EFAULT;
	if (act) {
		*a = k;
		/* Ignoring a signal throws away what is pending of it. */
		if (signal_ignored(current, (int)sig))
			current->sig_pending &= ~SIGBIT(sig);
	}
	return 0;
}

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

long sys_rt_sigprocmask(u32 how, u32 set, u32 oset, u32 setsize)
{
	u64 s, old = current->sig_blocked;

	if (setsize != 8)
		return -EINVAL;
	if (set) {
		if (copy_from_user(&s, set, 8) < 0)
			return -EFAULT;
		if (how == SIG_BLOCK)
			current->sig_blocked |= s;
		else if (how == SIG_UNBLOCK)
			current->sig_blocked &= ~s;
		else if (how == SIG_SETMASK)
			current->sig_blocked = s;
		else
			return -EINVAL;
		current->sig_blocked &= ~SIG_UNBLOCKABLE;
	}
	if (oset && copy_to_user(oset, &old, 8) < 0)
		return -EFAULT;
	return 0;
}

long sys_sigreturn(void)
{
	return signal_return(user_frame(current), 0);
}

long sys_rt_sigreturn(void)
{
	return signal_return(user_frame(current), 1);
}

/* kill(2)'s targets: one process, a process group, or everyone we may
 * signal (all but PID 1 and ourselves). */
long sys_kill(u32 upid, u32 sig)
{
	int pid = (int)upid, found = 0;

	if (sig > NSIG)
		return -EINVAL;
	if (pid > 0) {
		struct proc *p = proc_by_pid(pid);

		if (!p)
			return -ESRCH;
		if (sig)
			signal_send(p, (int)sig);
		return 0;
	}
	for (struct proc *p = proc_next(NULL); p; p = proc_next(p)) {
		if (pid == 0 ? p->pgid != current->pgid
		    : pid == -1 ? p->pid == 1 || p == current
		    : p->pgid != -pid)
			continue;
		found = 1;
		if (sig)
			signal_send(p, (int)sig);
	}
	return found ? 0 : -ESRCH;
}

/* Every process is one thread, its tid its pid. */
long sys_tkill(u32 tid, u32 sig)
{
	if ((int)tid <= 0)
		return -EINVAL;
	return sys_kill(tid, sig);
}

long sys_tgkill(u32 tgid, u32 tid, u32 sig)
{
	if ((int)tgid <= 0 || (int)tid <= 0)
		return -EINVAL;
	if (tgid != tid)
		return -ESRCH;
	return sys_kill(tid, sig);
}

static const char pause_chan;

/* Sleeps until a signal comes that is not ignored: its handler runs (or
 * it kills us), and the call fails with EINTR. */
long sys_pause(void)
{
	while (sleep_on(&pause_chan) == 0)
		;
	return -EINTR;
}

long sys_rt_sigsuspend(u32 set, u32 setsize)
{
	u64 s;

	if (setsize != 8)
		return -EINVAL;
	if (copy_from_user(&s, set, 8) < 0)
		return -EFAULT;
	/* The mask holds until the handler has been entered; its frame
	 * saves the old one for sigreturn. */
	current->saved_blocked = current->sig_blocked;
	current->restore_blocked = 1;
	current->sig_blocked = s & ~SIG_UNBLOCKABLE;
	return sys_pause();
}

long sys_alarm(u32 seconds)
{
	u64 now = clock_ns(), left = 0;

	if (current->alarm_at > now)
		left = (current->alarm_at - now + 999999999ull) / 1000000000ull;
	current->alarm_at = seconds ? now + (u64)seconds * 1000000000ull : 0;
	return (long)left;
}

struct stack_k {
	u32 sp;
	int flags;
	u32 size;
};

#define SS_DISABLE 2
#define MINSIGSTKSZ 2048

long sys_sigaltstack(u32 uss, u32 uoss)
{
	struct stack_k ss, old = { current->sig_altstack, current->sig_altsize ? 0 : SS_DISABLE,
				   current->sig_altsize };

	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)) < 0)
			return -EFAULT;
		if (ss.flags & SS_DISABLE) {
			current->sig_altstack = current->sig_altsize = 0;
		} else if (ss.flags) {
			return -EINVAL;
		} else if (ss.size < MINSIGSTKSZ) {
			return -ENOMEM;
		} else {
			current->sig_altstack = ss.sp;
			current->sig_altsize = ss.size;
		}
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)) < 0)
		return -EFAULT;
	return 0;
}
