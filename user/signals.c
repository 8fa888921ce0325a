/*
 * Signals as Linux delivers them: handlers on the old frame (no
 * SA_SIGINFO, returning through sigreturn) and on the rt frame, masks,
 * SA_RESTART against EINTR, a caught segmentation fault resumed through
 * the ucontext, the FPU across a handler, stop and continue, alarm.
 * tests/boot/linux_procs.sh compares the output with Linux's.
 */
#include "lib/user.h"

#define WUNTRACED 2

static volatile int hits, last_sig, info_ok;

static long sigmask(int how, u64 set)
{
	return syscall6(SYS_rt_sigprocmask, how, (long)&set, 0, 8, 0, 0);
}

static long kill(long pid, int sig)
{
	return syscall3(SYS_kill, pid, sig, 0);
}

static void sleep_ms(long ms)
{
	long ts[2] = { ms / 1000, ms % 1000 * 1000000 };

	syscall3(SYS_nanosleep, (long)ts, 0, 0);
}

static long wait_for(long pid, long options)
{
	int status = -1;
	long r = syscall6(SYS_wait4, pid, (long)&status, options, 0, 0, 0);

	return r <= 0 ? r : status;
}

static void handler(int sig)
{
	hits++;
	last_sig = sig;
	/* The FPU is the handler's own to use. */
	asm volatile("fninit; fldpi; fstp %%st(0)" ::: "memory");
}

static void info_handler(int sig, int *info, void *uc)
{
	hits++;
	info_ok = info[0] == sig && uc != 0;
}

/* Resume after the faulting instruction: its length is 10 bytes. */
static void segv_handler(int sig, int *info, u32 *uc)
{
	hits++;
	/* uc_mcontext starts 20 bytes in; eip is its 15th word. */
	uc[5 + 14] += 10;
}

int main(void)
{
	long me = getpid(), pid, r;

	/* The old frame: a handler without SA_SIGINFO, back by sigreturn. */
	sigaction(SIGUSR1, handler, 0);
	kill(me, SIGUSR1);
	say("old frame: handled", hits);
	say("signal", last_sig);

	/* The rt frame with siginfo and a ucontext. */
	sigaction(SIGUSR2, info_handler, SA_SIGINFO);
	kill(me, SIGUSR2);
	say("rt frame: handled", hits);
	say("siginfo and ucontext", info_ok);

	/* Blocked: pending until unblocked. */
	hits = 0;
	sigmask(0, 1ull << (SIGUSR1 - 1));
	kill(me, SIGUSR1);
	say("blocked: handled", hits);
	sigmask(1, 1ull << (SIGUSR1 - 1));
	say("unblocked: handled", hits);

	/* The x87 registers survive a handler that uses them. */
	{
		double x;

		asm volatile("fld1; fld1; faddp" ::: "memory");
		kill(me, SIGUSR1);
		asm volatile("fstpl %0" : "=m"(x));
		say("fpu after handler: 1+1 =", (long)x);
	}

	/* A blocked wait4: without SA_RESTART the handler's signal ends it
	 * with EINTR; with it, the call goes on to the child's exit. */
	for (int restart = 0; restart < 2; restart++) {
		sigaction(SIGUSR1, handler, restart ? SA_RESTART : 0);
		if (!(pid = syscall3(SYS_fork, 0, 0, 0))) {
			sleep_ms(30);
			kill(syscall3(SYS_getppid, 0, 0, 0), SIGUSR1);
			sleep_ms(30);
			exit(4);
		}
		r = wait_for(pid, 0);
		say(restart ? "SA_RESTART: wait4 gave" : "no SA_RESTART: wait4 gave", r);
		if (r < 0)
			say("  and then", wait_for(pid, 0));
	}

	/* A caught segmentation fault, resumed past the instruction. */
	hits = 0;
	sigaction(SIGSEGV, segv_handler, SA_SIGINFO);
	asm volatile(".byte 0xc7, 0x05; .long 16; .long 0");	/* movl $0, 16 */
	say("segfault caught and skipped", hits);

	/* SA_RESETHAND: the second one finds the default, and dies of it. */
	if (!(pid = syscall3(SYS_fork, 0, 0, 0))) {
		sigaction(SIGUSR2, handler, SA_RESETHAND);
		kill(getpid(), SIGUSR2);
		kill(getpid(), SIGUSR2);
		exit(0);
	}
	say("SA_RESETHAND: status", wait_for(pid, 0));

	/* Stop, reported by WUNTRACED; continue; then a kill. */
	if (!(pid = syscall3(SYS_fork, 0, 0, 0)))
		for (;;)
			syscall3(SYS_pause, 0, 0, 0);
	kill(pid, SIGSTOP);
	say("stopped: status", wait_for(pid, WUNTRACED));
	kill(pid, SIGCONT);
	kill(pid, SIGTERM);
	say("continued and killed: status", wait_for(pid, 0));

	/* sigsuspend: the mask it sets lets the blocked signal in. */
	hits = 0;
	sigaction(SIGUSR1, handler, 0);
	sigmask(0, 1ull << (SIGUSR1 - 1));
	if (!(pid = syscall3(SYS_fork, 0, 0, 0))) {
		sleep_ms(20);
		kill(syscall3(SYS_getppid, 0, 0, 0), SIGUSR1);
		exit(0);
	}
	{
		u64 none = 0;

		say("sigsuspend gave", syscall3(SYS_rt_sigsuspend, (long)&none, 8, 0));
	}
	say("  after the handler", hits);
	wait_for(pid, 0);

	/* alarm: SIGALRM ends a pause. */
	sigaction(SIGALRM, handler, 0);
	syscall3(SYS_alarm, 1, 0, 0);
	say("pause gave", syscall3(SYS_pause, 0, 0, 0));
	say("  signal", last_sig);
	print("signals: done\n");
	return 0;
}
