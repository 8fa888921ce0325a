/*
 * poll and select as Linux has them: readiness of pipe ends (data, room,
 * a writer or reader gone), POLLNVAL and EBADF, the nfds limit, timeouts
 * (none, zero, and roughly as long as asked), select's written-back time,
 * a signal's EINTR, and the p-forms' masks for the wait.
 * tests/boot/poll.sh compares the output with Linux's.
 */
#include "lib/user.h"

#define SYS_close		6
#define SYS_pipe		42
#define SYS_select		82
#define SYS__newselect		142
#define SYS_poll		168
#define SYS_pselect6		308
#define SYS_ppoll		309
#define SYS_pselect6_time64	413
#define SYS_ppoll_time64	414

#define POLLIN		0x001
#define POLLOUT		0x004
#define POLLRDNORM	0x040
#define SIG_BLOCK	0
#define SIG_SETMASK	2

struct pollfd {
	int fd;
	short events, revents;
};

static volatile int hits;

static void handler(int sig)
{
	hits++;
}

static u64 now_ms(void)
{
	long ts[2];

	syscall3(SYS_clock_gettime, 1, (long)ts, 0);
	return (u64)ts[0] * 1000 + (u32)ts[1] / 1000000u;
}

/* A wait of want ms took about that: not less, and not far more (the
 * Guest's tick is 10 ms; a loaded machine adds some). */
static void say_took(const char *what, u64 start, u64 want)
{
	u64 took = now_ms() - start;

	say(what, took + 2 >= want && took <= want + 400);
}

static void make_pipe(int p[2])
{
	syscall3(SYS_pipe, (long)p, 0, 0);
}

static void close_fd(int fd)
{
	syscall3(SYS_close, fd, 0, 0);
}

static long poll(struct pollfd *fds, u32 n, int ms)
{
	return syscall3(SYS_poll, (long)fds, n, ms);
}

static long sigmask(int how, u64 set, u64 *old)
{
	return syscall6(SYS_rt_sigprocmask, how, (long)&set, (long)old, 8, 0, 0);
}

/* A child that sends us SIGUSR1 after ms, while we wait; reaped after. */
static long usr1_after(long ms)
{
	long parent = getpid(), pid = syscall3(SYS_fork, 0, 0, 0);

	if (pid == 0) {
		long ts[2] = { 0, ms * 1000000 };

		syscall3(SYS_nanosleep, (long)ts, 0, 0);
		syscall3(SYS_kill, parent, SIGUSR1, 0);
		exit(0);
	}
	return pid;
}

/* A child that stops us after stop_ms and lets us go on cont_ms later:
 * no handler runs, so a timed wait goes on to its first deadline. */
static long stop_then_cont(long stop_ms, long cont_ms)
{
	long parent = getpid(), pid = syscall3(SYS_fork, 0, 0, 0);

	if (pid == 0) {
		long ts[2] = { 0, stop_ms * 1000000 }, ts2[2] = { 0, cont_ms * 1000000 };

		syscall3(SYS_nanosleep, (long)ts, 0, 0);
		syscall3(SYS_kill, parent, SIGSTOP, 0);
		syscall3(SYS_nanosleep, (long)ts2, 0, 0);
		syscall3(SYS_kill, parent, SIGCONT, 0);
		exit(0);
	}
	return pid;
}

static void reap(long pid)
{
	int status;

	syscall6(SYS_wait4, pid, (long)&status, 0, 0, 0, 0);
}

static struct pollfd many[257];

static void poll_checks(void)
{
	int p[2], q[2];
	struct pollfd f[2];
	u64 t;
	long r;

	make_pipe(p);
	f[0] = (struct pollfd){ p[0], POLLIN, 0 };
	f[1] = (struct pollfd){ p[1], POLLOUT, 0 };
	r = poll(f, 2, 0);
	say("empty pipe: poll", r);
	say("  read end revents", f[0].revents);
	say("  write end revents", f[1].revents);

	write(p[1], "x", 1);
	r = poll(f, 2, 0);
	say("with data: poll", r);
	say("  read end revents", f[0].revents);
	f[0].events = POLLRDNORM;
	poll(f, 1, 0);
	say("  asked POLLRDNORM: revents", f[0].revents);
	f[0].events = POLLIN;
	{
		char c;

		read(p[0], &c, 1);
	}

	t = now_ms();
	r = poll(f, 1, 200);
	say("empty, 200 ms timeout: poll", r);
	say_took("  took about 200 ms", t, 200);

	f[0] = (struct pollfd){ -1, POLLIN, 7 };
	f[1] = (struct pollfd){ 99, POLLIN, 0 };
	r = poll(f, 2, 0);
	say("fd -1 and a closed fd: poll", r);
	say("  fd -1 revents", f[0].revents);
	say("  closed fd revents", f[1].revents);

	for (int i = 0; i < 257; i++)
		many[i] = (struct pollfd){ -1, POLLIN, 0 };
	say("256 fds: poll", poll(many, 256, 0));
	say("257 fds: poll", poll(many, 257, 0));
	say("bad address: poll", poll((struct pollfd *)16, 1, 0));

	/* The writer goes: POLLHUP, asked for or not, and no POLLIN. */
	close_fd(p[1]);
	f[0] = (struct pollfd){ p[0], POLLIN, 0 };
	f[1] = (struct pollfd){ p[0], 0, 0 };
	r = poll(f, 2, -1);
	say("writer gone: poll", r);
	say("  revents", f[0].revents);
	say("  revents asking nothing", f[1].revents);
	close_fd(p[0]);

	/* The reader goes: the write end is in error. */
	make_pipe(q);
	close_fd(q[0]);
	f[0] = (struct pollfd){ q[1], POLLOUT, 0 };
	say("reader gone: poll", poll(f, 1, 0));
	say("  revents", f[0].revents);
	close_fd(q[1]);

	/* Data arriving wakes a poll that waits for it. */
	make_pipe(p);
	{
		long pid = syscall3(SYS_fork, 0, 0, 0);

		if (pid == 0) {
			long ts[2] = { 0, 100000000 };

			syscall3(SYS_nanosleep, (long)ts, 0, 0);
			write(p[1], "y", 1);
			exit(0);
		}
		f[0] = (struct pollfd){ p[0], POLLIN, 0 };
		t = now_ms();
		r = poll(f, 1, 5000);
		say("a writer 100 ms later: poll", r);
		say("  revents", f[0].revents);
		say_took("  took about 100 ms", t, 100);
		reap(pid);
	}
	close_fd(p[0]);
	close_fd(p[1]);
}

struct timeval {
	long sec, usec;
};

struct timespec32 {
	long sec, nsec;
};

struct timespec64 {
	long long sec, nsec;
};

static long select5(int nr, int n, u32 *in, u32 *out, u32 *ex, void *tv)
{
	return syscall6(nr, n, (long)in, (long)out, (long)ex, (long)tv, 0);
}

static void select_checks(void)
{
	int p[2];
	u32 in, out;
	struct timeval tv;
	u64 t;
	long r;

	make_pipe(p);
	in = 1u << p[0];
	out = 1u << p[1];
	tv = (struct timeval){ 0, 0 };
	r = select5(SYS__newselect, p[1] + 1, &in, &out, 0, &tv);
	say("empty pipe: select", r);
	say("  read set has the read end", (in >> p[0]) & 1);
	say("  write set has the write end", (out >> p[1]) & 1);

	write(p[1], "x", 1);
	in = 1u << p[0];
	tv = (struct timeval){ 1, 0 };
	r = select5(SYS__newselect, p[0] + 1, &in, 0, 0, &tv);
	say("with data: select", r);
	say("  read set has the read end", (in >> p[0]) & 1);
	say("  time left is under 1 s and near it", tv.sec == 0 && tv.usec > 500000);
	{
		char c;

		read(p[0], &c, 1);
	}

	in = 1u << p[0];
	tv = (struct timeval){ 0, 150000 };
	t = now_ms();
	r = select5(SYS__newselect, p[0] + 1, &in, 0, 0, &tv);
	say("empty, 150 ms timeout: select", r);
	say_took("  took about 150 ms", t, 150);
	say("  read set emptied", in);
	say("  time left (s)", tv.sec);
	say("  time left (us)", tv.usec);

	/* Whole seconds of tv_usec carry over; a negative one is EINVAL. */
	write(p[1], "x", 1);
	in = 1u << p[0];
	tv = (struct timeval){ 0, 1100000 };
	r = select5(SYS__newselect, p[0] + 1, &in, 0, 0, &tv);
	say("usec 1100000, with data: select", r);
	say("  time left is over 1 s", tv.sec == 1 && tv.usec > 0);
	{
		char c;

		read(p[0], &c, 1);
	}
	in = 1u << p[0];
	tv = (struct timeval){ 0, -1 };
	say("usec -1: select", select5(SYS__newselect, p[0] + 1, &in, 0, 0, &tv));
	out = 1u << 20;
	say("a closed fd: select", select5(SYS__newselect, 21, 0, &out, 0, 0));
	say("negative n: select", select5(SYS__newselect, -1, 0, 0, 0, 0));

	/* The old select: its arguments in a block. */
	{
		long args[5] = { p[1] + 1, 0, (long)&out, 0, 0 };

		out = 1u << p[1];
		r = syscall3(SYS_select, (long)args, 0, 0);
		say("old select", r);
		say("  write set has the write end", (out >> p[1]) & 1);
	}

	/* pselect6 and its time64 form: a timespec. */
	{
		struct timespec32 ts = { 0, 0 };
		struct timespec64 ts64 = { 0, 0 };

		out = 1u << p[1];
		say("pselect6", select5(SYS_pselect6, p[1] + 1, 0, &out, 0, &ts));
		out = 1u << p[1];
		say("pselect6_time64", select5(SYS_pselect6_time64, p[1] + 1, 0, &out, 0, &ts64));
		ts.nsec = 1000000000;
		say("pselect6 nsec 10^9", select5(SYS_pselect6, p[1] + 1, 0, &out, 0, &ts));
	}
	close_fd(p[0]);
	close_fd(p[1]);
}

static void signal_checks(void)
{
	int p[2];
	struct pollfd f[1];
	u32 in;
	u64 old, t;
	long pid, r;

	make_pipe(p);
	f[0] = (struct pollfd){ p[0], POLLIN, 0 };

	/* A handler interrupts the wait: EINTR, even with SA_RESTART. */
	sigaction(SIGUSR1, handler, 0);
	hits = 0;
	pid = usr1_after(100);
	r = poll(f, 1, -1);
	reap(pid);
	say("signal during poll", r);
	say("  handled", hits);
	sigaction(SIGUSR1, handler, SA_RESTART);
	pid = usr1_after(100);
	r = poll(f, 1, 5000);
	reap(pid);
	say("SA_RESTART signal during poll", r);
	in = 1u << p[0];
	pid = usr1_after(100);
	r = select5(SYS__newselect, p[0] + 1, &in, 0, 0, 0);
	reap(pid);
	say("SA_RESTART signal during select", r);
	say("  handled", hits);

	/* Stopped for 400 ms of a 1 s wait, and continued: the wait ends on
	 * time (Linux's restart_block), not after a whole second more. */
	pid = stop_then_cont(500, 400);
	t = now_ms();
	r = poll(f, 1, 1000);
	reap(pid);
	say("poll stopped and continued", r);
	say_took("  took about 1000 ms", t, 1000);
	pid = stop_then_cont(500, 400);
	t = now_ms();
	{
		long second[2] = { 1, 0 };

		r = syscall3(SYS_nanosleep, (long)second, 0, 0);
	}
	reap(pid);
	say("nanosleep stopped and continued", r);
	say_took("  took about 1000 ms", t, 1000);

	/* ppoll's mask lets a blocked, pending signal in for the wait only. */
	hits = 0;
	sigmask(SIG_BLOCK, 1ull << (SIGUSR1 - 1), 0);
	syscall3(SYS_kill, getpid(), SIGUSR1, 0);
	{
		struct timespec32 zero = { 0, 0 }, second = { 1, 0 };
		struct timespec64 second64 = { 1, 0 };
		u64 none = 0;

		r = syscall6(SYS_ppoll, (long)f, 1, (long)&zero, (long)&none, 8, 0);
		say("ppoll, zero timeout, pending signal let in", r);
		say("  handled", hits);
		syscall3(SYS_kill, getpid(), SIGUSR1, 0);
		r = syscall6(SYS_ppoll, (long)f, 1, (long)&second, (long)&none, 8, 0);
		say("ppoll, pending signal let in", r);
		say("  handled", hits);
		sigmask(SIG_BLOCK, 0, &old);
		say("  still blocked after", (old >> (SIGUSR1 - 1)) & 1);
		say("  time left under 1 s and near it", second.sec == 0 && second.nsec > 500000000);
		r = syscall6(SYS_ppoll, (long)f, 1, (long)&zero, (long)&none, 4, 0);
		say("ppoll, mask size 4", r);

		syscall3(SYS_kill, getpid(), SIGUSR1, 0);
		r = syscall6(SYS_ppoll_time64, (long)f, 1, (long)&second64, (long)&none, 8, 0);
		say("ppoll_time64, pending signal let in", r);
		say("  handled", hits);

		/* pselect6: the mask's address and size in a pair. */
		syscall3(SYS_kill, getpid(), SIGUSR1, 0);
		{
			u32 sig[2] = { (u32)&none, 8 };

			second = (struct timespec32){ 1, 0 };
			in = 1u << p[0];
			r = syscall6(SYS_pselect6, p[0] + 1, (long)&in, 0, 0, (long)&second, (long)sig);
			say("pselect6, pending signal let in", r);
			say("  handled", hits);
			sigmask(SIG_BLOCK, 0, &old);
			say("  still blocked after", (old >> (SIGUSR1 - 1)) & 1);
		}
	}
	sigmask(SIG_SETMASK, 0, 0);
	say("unblocked at last: handled", hits);
	close_fd(p[0]);
	close_fd(p[1]);
}

int main(void)
{
	poll_checks();
	select_checks();
	signal_checks();
	return 0;
}
