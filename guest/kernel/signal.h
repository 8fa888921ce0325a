/*
 * Signals, as Linux i386 numbers and delivers them (signal.c): pending
 * bits in struct proc, actions from rt_sigaction, frames on the user stack
 * for handlers (the old sigframe without SA_SIGINFO, rt_sigframe with it),
 * and the default actions: terminate, ignore, stop, continue.
 */
#ifndef GUEST_SIGNAL_H
#define GUEST_SIGNAL_H

#include "kernel/proc.h"

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXFSZ		25
#define SIGWINCH	28

#define SIG_DFL_HANDLER	0u
#define SIG_IGN_HANDLER	1u

#define SA_NOCLDSTOP	0x00000001u
#define SA_NOCLDWAIT	0x00000002u
#define SA_SIGINFO	0x00000004u
#define SA_RESTORER	0x04000000u
#define SA_ONSTACK	0x08000000u
#define SA_RESTART	0x10000000u
#define SA_NODEFER	0x40000000u
#define SA_RESETHAND	0x80000000u

#define SIGBIT(sig)	(1ull << ((sig) - 1))
/* Neither can be caught, blocked or ignored. */
#define SIG_UNBLOCKABLE	(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* On p's way back to ring 3 with frame f: act on its pending signals
 * (run a handler, stop, die), and restart an interrupted system call when
 * Linux would. */
void signal_deliver(struct trap_frame *f);
/* A fault's signal: delivered even if blocked or ignored (then with the
 * default action, as Linux does). */
void signal_force(struct proc *p, int sig);
/* sig's action for p is the default one. */
int signal_is_default(const struct proc *p, int sig);
/* sig would be thrown away if sent to p now (ignored, not blocked). */
int signal_ignored(const struct proc *p, int sig);
/* sigreturn (rt or not): put back what the frame at f->esp saved; the
 * value for %eax. */
long signal_return(struct trap_frame *f, int rt);
/* Send sig to every live process of group pgid (the tty's ^C); 0 if it
 * has none. */
int signal_pgrp(int pgid, int sig);
/* Group pgid has a live member in session sid (tcsetpgrp's rule). */
int pgrp_in_session(int pgid, int sid);

#endif
