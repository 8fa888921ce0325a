/*
 * Signals (signal.h): sending, the default actions, and the frames a
 * handler runs on, laid out as i386 Linux lays them out
 * (arch/x86/include/asm/sigframe.h, uapi/asm/sigcontext.h), so a C
 * library's restorer and a program reading its ucontext find what they
 * expect.
 */
#include "drivers/console.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kstring.h"
#include "mm/uaccess.h"
#include "x86/traps.h"

struct sigcontext {
	u16 gs, gsh, fs, fsh, es, esh, ds, dsh;
	u32 edi, esi, ebp, esp, ebx, edx, ecx, eax;
	u32 trapno, err, eip;
	u16 cs, csh;
	u32 eflags, esp_at_signal;
	u16 ss, ssh;
	u32 fpstate, oldmask, cr2;
};

/* Linux's struct _fpstate_32: the old fsave image, then (FXSR) the
 * fxsave image at byte 112. */
struct fpstate {
	u32 legacy[27];
	u16 status, magic;		/* magic 0: the fxsave part is there */
	u8 fxsave[512];
	u8 padding[0];
};

struct sigframe {
	u32 pretcode;
	int sig;
	struct sigcontext sc;
	struct fpstate fpstate;
	u32 extramask;
	u8 retcode[8];
};

struct siginfo {
	int signo, err, code;
	int pid, uid;
	u32 fill[27];
};

struct ucontext {
	u32 flags, link;
	u32 ss_sp;
	int ss_flags;
	u32 ss_size;
	struct sigcontext mcontext;
	u64 sigmask;
};

struct rt_sigframe {
	u32 pretcode;
	int sig;
	u32 pinfo, puc;
	struct siginfo info;
	struct ucontext uc;
	u8 retcode[8];
	struct fpstate fpstate;
};

/* Each signal's default action (signal(7)). */
enum { TERM, IGNORE, STOP, CONT };

static int default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return IGNORE;
	case SIGCONT:
		return CONT;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return STOP;
	}
	return TERM;
}

int signal_is_default(const struct proc *p, int sig)
{
	return p->actions[sig - 1].handler == SIG_DFL_HANDLER;
}

int signal_ignored(const struct proc *p, int sig)
{
	u32 h = p->actions[sig - 1].handler;

	if (p->sig_blocked & SIGBIT(sig))
		return 0;
	return h == SIG_IGN_HANDLER || (h == SIG_DFL_HANDLER && default_action(sig) == IGNORE);
}

int signal_pending(const struct proc *p)
{
	return (p->sig_pending & ~p->sig_blocked) != 0;
}

#define STOP_SIGS (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

void signal_send(struct proc *p, int sig)
{
	if (sig < 1 || sig > NSIG || p->state == PROC_ZOMBIE || p->state == PROC_FREE)
		return;
	/* SIGCONT (and SIGKILL) resume a stopped process at once, whatever
	 * its handler; a stop signal cancels a pending SIGCONT and back. */
	if (sig == SIGCONT || sig == SIGKILL) {
		p->sig_pending &= ~STOP_SIGS;
		if (p->state == PROC_STOPPED) {
			p->state = PROC_RUNNABLE;
			p->stop_sig = 0;
			if (p->parent)
				wakeup(p->parent);
		}
	} else if (STOP_SIGS & SIGBIT(sig)) {
		p->sig_pending &= ~SIGBIT(SIGCONT);
	}
	if (signal_ignored(p, sig))
		return;
	p->sig_pending |= SIGBIT(sig);
	if (p->state == PROC_SLEEPING && signal_pending(p))
		p->state = PROC_RUNNABLE;
}

void signal_force(struct proc *p, int sig)
{
	struct sigaction_k *a = &p->actions[sig - 1];

	if ((p->sig_blocked & SIGBIT(sig)) || a->handler == SIG_IGN_HANDLER) {
		p->sig_blocked &= ~SIGBIT(sig);
		a->handler = SIG_DFL_HANDLER;
	}
	p->sig_pending |= SIGBIT(sig);
}

/* The calls an interrupted sleep never restarts once a handler has run
 * (Linux's ERESTARTNOHAND and restart_block calls), and sigreturn, whose
 * %eax is the interrupted call's. */
static int restart_needs_no_handler(u32 nr)
{
	switch (nr) {
	case 29: case 72: case 179:		/* pause, sigsuspend, rt_sigsuspend */
	case 82: case 142: case 168: case 308: case 309:	/* select, poll */
	case 413: case 414:
	case 162: case 267: case 407:		/* nanosleep, clock_nanosleep */
		return 1;
	}
	return 0;
}

static void stop(struct proc *p, int sig)
{
	p->state = PROC_STOPPED;
	p->stop_sig = sig;
	p->stop_reported = 0;
	if (p->parent) {
		if (!(p->parent->actions[SIGCHLD - 1].flags & SA_NOCLDSTOP))
			signal_send(p->parent, SIGCHLD);
		wakeup(p->parent);
	}
	schedule();
}

static void save_context(struct sigcontext *sc, const struct trap_frame *f, u32 mask, u32 fp)
{
	*sc = (struct sigcontext){
		.gs = (u16)f->gs, .fs = (u16)f->fs, .es = (u16)f->es, .ds = (u16)f->ds,
		.edi = f->edi, .esi = f->esi, .ebp = f->ebp, .esp = f->esp,
		.ebx = f->ebx, .edx = f->edx, .ecx = f->ecx, .eax = f->eax,
		.trapno = f->vector, .err = f->errcode, .eip = f->eip,
		.cs = (u16)f->cs, .eflags = f->eflags, .esp_at_signal = f->esp,
		.ss = (u16)f->ss, .fpstate = fp, .oldmask = mask,
	};
}

static void save_fpu(struct fpstate *fp)
{
	memset(fp, 0, sizeof(*fp));
	fpu_save(current);
	memcpy(fp->fxsave, current->fpu, sizeof(fp->fxsave));
	if (!current->fpu_used) {
		/* Never used: what fninit leaves, so sigreturn loads sense. */
		fp->fxsave[0] = 0x7F;	/* fcw 0x037F */
		fp->fxsave[1] = 0x03;
		fp->fxsave[24] = 0x80;	/* mxcsr 0x1F80 */
		fp->fxsave[25] = 0x1F;
	}
}

/* Run handler a for sig: a frame below the stack (or on the alternate
 * stack), the registers to enter it.  0, or -EFAULT when the stack
 * cannot take the frame. */
static long setup_frame(struct trap_frame *f, int sig, struct sigaction_k *a, u64 oldmask)
{
	u32 sp = f->esp;
	int rt = (a->flags & SA_SIGINFO) != 0;
	u32 size = rt ? sizeof(struct rt_sigframe) : sizeof(struct sigframe);

	if ((a->flags & SA_ONSTACK) && current->sig_altsize &&
	    !(sp > current->sig_altstack && sp <= current->sig_altstack + current->sig_altsize))
		sp = current->sig_altstack + current->sig_altsize;
	/* The handler starts as if called: (%esp + 4) 16-byte aligned. */
	sp = ((sp - size + 4) & ~15u) - 4;
	if (rt) {
		static struct rt_sigframe fr;

		memset(&fr, 0, sizeof(fr));
		fr.sig = sig;
		fr.pinfo = sp + __builtin_offsetof(struct rt_sigframe, info);
		fr.puc = sp + __builtin_offsetof(struct rt_sigframe, uc);
		fr.info.signo = sig;
		fr.uc.ss_sp = current->sig_altstack;
		fr.uc.ss_size = current->sig_altsize;
		fr.uc.ss_flags = current->sig_altsize ? 0 : 2;	/* SS_DISABLE */
		save_context(&fr.uc.mcontext, f, (u32)oldmask,
			     sp + __builtin_offsetof(struct rt_sigframe, fpstate));
		fr.uc.sigmask = oldmask;
		save_fpu(&fr.fpstate);
		/* movl $173, %eax; int $0x80 */
		memcpy(fr.retcode, "\xb8\xad\x00\x00\x00\xcd\x80", 7);
		fr.pretcode = a->flags & SA_RESTORER ? a->restorer
			: sp + __builtin_offsetof(struct rt_sigframe, retcode);
		if (copy_to_user(sp, &fr, sizeof(fr)) < 0)
			return -EFAULT;
		f->eax = (u32)sig;
		f->edx = fr.pinfo;
		f->ecx = fr.puc;
	} else {
		static struct sigframe fr;

		memset(&fr, 0, sizeof(fr));
		fr.sig = sig;
		save_context(&fr.sc, f, (u32)oldmask,
			     sp + __builtin_offsetof(struct sigframe, fpstate));
		fr.extramask = (u32)(oldmask >> 32);
		save_fpu(&fr.fpstate);
		/* popl %eax; movl $119, %eax; int $0x80 */
		memcpy(fr.retcode, "\x58\xb8\x77\x00\x00\x00\xcd\x80", 8);
		fr.pretcode = a->flags & SA_RESTORER ? a->restorer
			: sp + __builtin_offsetof(struct sigframe, retcode);
		if (copy_to_user(sp, &fr, sizeof(fr)) < 0)
			return -EFAULT;
		f->eax = (u32)sig;
		f->edx = f->ecx = 0;
	}
	f->esp = sp;
	f->eip = a->handler;
	f->cs = USER_CS;
	f->ds = f->es = f->ss = USER_DS;
	/* The handler starts with the direction flag clear and no trace. */
	f->eflags &= ~(0x400u | 0x100u);
	return 0;
}

void signal_deliver(struct trap_frame *f)
{
	struct proc *p = current;
	int interrupted = f->vector == SYSCALL_VECTOR &&
			  ((s32)f->eax == -EINTR || (s32)f->eax == -ERESTART_RESTARTBLOCK);

	for (;;) {
		u64 ready = p->sig_pending & ~p->sig_blocked;
		int sig;
		struct sigaction_k *a;
		u64 oldmask;

		if (!ready)
			break;
		sig = __builtin_ctzll(ready) + 1;
		p->sig_pending &= ~SIGBIT(sig);
		a = &p->actions[sig - 1];
		if (a->handler == SIG_IGN_HANDLER)
			continue;
		if (a->handler == SIG_DFL_HANDLER) {
			switch (default_action(sig)) {
			case IGNORE: case CONT:
				continue;
			case STOP:
				stop(p, sig);
				continue;
			default:
				proc_exit(sig);
			}
		}
		if (interrupted) {
			if ((s32)f->eax == -ERESTART_RESTARTBLOCK)
				f->eax = (u32)-EINTR;
			else if ((a->flags & SA_RESTART) && !restart_needs_no_handler(p->syscall_nr)) {
				f->eax = p->syscall_nr;
				f->eip -= 2;
			}
			interrupted = 0;
		}
		oldmask = p->restore_blocked ? p->saved_blocked : p->sig_blocked;
		p->restore_blocked = 0;
		if (setup_frame(f, sig, a, oldmask) < 0) {
			printk("[%s (pid %d): no room for signal %d's frame at 0x%x]\n",
			       p->name, p->pid, sig, f->esp);
			proc_exit(SIGSEGV);
		}
		p->sig_blocked |= a->mask;
		if (!(a->flags & SA_NODEFER))
			p->sig_blocked |= SIGBIT(sig);
		p->sig_blocked &= ~SIG_UNBLOCKABLE;
		if (a->flags & SA_RESETHAND)
			*a = (struct sigaction_k){ 0 };
		return;
	}
	/* No handler ran: an interrupted call starts again, unseen; a timed
	 * wait goes on to its deadline. */
	if (interrupted && (s32)f->eax == -ERESTART_RESTARTBLOCK) {
		f->eax = 0;	/* restart_syscall */
		f->eip -= 2;
	} else if (interrupted && p->syscall_nr != 119 && p->syscall_nr != 173 &&
	    p->syscall_nr != 29 && p->syscall_nr != 72 && p->syscall_nr != 179) {
		f->eax = p->syscall_nr;
		f->eip -= 2;
	}
	if (p->restore_blocked) {
		p->sig_blocked = p->saved_blocked;
		p->restore_blocked = 0;
	}
}

/* A selector a program may load: null, its own data, or a TLS entry. */
static u32 user_selector(u32 sel)
{
	u32 index = (sel & 0xFFFF) >> 3;

	if ((sel & 0xFFFF) == USER_DS ||
	    ((sel & 7) == 3 && index >= GDT_ENTRY_TLS_MIN && index <= GDT_ENTRY_TLS_MAX))
		return sel & 0xFFFF;
	return 0;
}

static void restore_context(struct trap_frame *f, const struct sigcontext *sc,
			    const struct fpstate *fp)
{
	/* Only the flags a program may change (Linux's FIX_EFLAGS). */
	const u32 user_flags = 0x40DD5u;

	f->gs = user_selector(sc->gs);
	f->fs = user_selector(sc->fs);
	f->ds = f->es = f->ss = USER_DS;
	f->cs = USER_CS;
	f->edi = sc->edi; f->esi = sc->esi; f->ebp = sc->ebp; f->esp = sc->esp;
	f->ebx = sc->ebx; f->edx = sc->edx; f->ecx = sc->ecx; f->eax = sc->eax;
	f->eip = sc->eip;
	f->eflags = (f->eflags & ~user_flags) | (sc->eflags & user_flags);
	/* Not a system call any more: signal_deliver must not restart it. */
	f->vector = 0;
	memcpy(current->fpu, fp->fxsave, sizeof(current->fpu));
	/* mxcsr's reserved bits would make fxrstor fault in the kernel. */
	current->fpu[26] = current->fpu[27] = 0;
	current->fpu_used = 1;
	fpu_reload(current);
}

long signal_return(struct trap_frame *f, int rt)
{
	u64 mask;

	if (rt) {
		static struct rt_sigframe fr;

		if (copy_from_user(&fr, f->esp - 4, sizeof(fr)) < 0)
			goto bad;
		mask = fr.uc.sigmask;
		restore_context(f, &fr.uc.mcontext, &fr.fpstate);
	} else {
		static struct sigframe fr;

		if (copy_from_user(&fr, f->esp - 8, sizeof(fr)) < 0)
			goto bad;
		mask = fr.sc.oldmask | (u64)fr.extramask << 32;
		restore_context(f, &fr.sc, &fr.fpstate);
	}
	current->sig_blocked = mask & ~SIG_UNBLOCKABLE;
	return (long)f->eax;
bad:
	printk("[%s (pid %d): sigreturn with a bad frame at 0x%x]\n",
	       current->name, current->pid, f->esp);
	proc_exit(SIGSEGV);
}

int signal_pgrp(int pgid, int sig)
{
	int found = 0;

	for (struct proc *p = proc_next(NULL); p; p = proc_next(p)) {
		if (p->pgid != pgid || p->state == PROC_ZOMBIE)
			continue;
		found = 1;
		signal_send(p, sig);
	}
	return found;
}

int pgrp_in_session(int pgid, int sid)
{
	for (struct proc *p = proc_next(NULL); p; p = proc_next(p))
		if (p->pgid == pgid && p->sid == sid && p->state != PROC_ZOMBIE)
			return 1;
	return 0;
}
