/*
 * Running QEMU and turning how it ended into our exit status.
 *
 * The signals that would end us (and SIGCHLD) are blocked and read from a
 * signalfd, so one poll() loop sees every way out: QEMU exiting, a signal
 * for us (passed on to QEMU), the timeout, or the user's Ctrl-A x.  Each of
 * them restores the terminal before we go.
 *
 * On a terminal, QEMU's stdin is a pipe from us, not the terminal: we pass
 * the keys on and keep Ctrl-A x for ourselves (escape.c).  Piped input goes
 * to QEMU untouched, as its own stdin.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <lguest/exit_status.h>
#include "lguest.h"

static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* QEMU's exit status, in our terms. */
static int status_from_qemu(int wstatus)
{
	int rc;

	if (WIFSIGNALED(wstatus)) {
		complain("QEMU was killed by signal %d (%s)", WTERMSIG(wstatus),
			 strsignal(WTERMSIG(wstatus)));
		return LGUEST_EXIT_HOST_FAILED;
	}
	rc = WEXITSTATUS(wstatus);
	/* The Host ended the machine through isa-debug-exit: QEMU's status is
	 * odd, and 1 is QEMU failing by itself (or a Host writing 0). */
	if (rc >= 3 && (rc & 1)) {
		int status = LGUEST_STATUS_FROM_QEMU(rc);

		if (status <= LGUEST_EXIT_HOST_FAILED)
			return status;
	}
	if (rc == 0)
		complain("the machine stopped without an exit status (a Host "
			 "triple fault, or it was quit)");
	else
		complain("QEMU failed (exit status %d)", rc);
	return LGUEST_EXIT_HOST_FAILED;
}

/* Ask QEMU to stop, then make it.  Always SIGTERM, whatever we were sent:
 * QEMU shuts down cleanly on it (SIGQUIT would dump its core). */
static void stop_qemu(pid_t pid)
{
	struct timespec two_seconds = { 2, 0 };
	sigset_t chld;

	kill(pid, SIGTERM);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	if (waitpid(pid, NULL, WNOHANG) == pid)
		return;
	if (sigtimedwait(&chld, NULL, &two_seconds) < 0)
		kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* Milliseconds to the deadline (rounded up, so we never wake early and
 * spin), 0 once it has passed. */
static int ms_left(const struct timespec *deadline)
{
	struct timespec now;
	long long ns;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (deadline->tv_sec - now.tv_sec) * 1000000000LL +
	     (deadline->tv_nsec - now.tv_nsec);
	return ns <= 0 ? 0 : (int)((ns + 999999) / 1000000);
}

/* The keys on their way from the terminal to QEMU. */
struct relay {
	int in, out;		/* our stdin, the pipe to QEMU; -1 once done */
	struct escape esc;
	char buf[4096 + 1];	/* escape_filter() may give one byte more */
	size_t len;		/* bytes in buf not yet written */
};

static void relay_close(struct relay *r)
{
	if (r->out >= 0)
		close(r->out);	/* QEMU sees the end of its input */
	r->in = r->out = -1;
	r->len = 0;
}

/* Read keys into the buffer.  Returns -1 when the user asked to quit. */
static int relay_read(struct relay *r)
{
	char in[4096];
	ssize_t n = read(r->in, in, sizeof(in));
	long len;

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0) {		/* the terminal went away */
		relay_close(r);
		return 0;
	}
	len = escape_filter(&r->esc, in, (size_t)n, r->buf);
	if (len < 0)
		return -1;
	r->len = (size_t)len;
	return 0;
}

/* Write what we can without blocking: a Guest that reads nothing must not
 * stop us from seeing a signal or the timeout. */
static void relay_write(struct relay *r)
{
	ssize_t n = write(r->out, r->buf, r->len);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n < 0) {		/* EPIPE: QEMU has gone, SIGCHLD is coming */
		relay_close(r);
		return;
	}
	memmove(r->buf, r->buf + n, r->len - (size_t)n);
	r->len -= (size_t)n;
}

/* The end of a run that QEMU did not end: QEMU stopped, the terminal back. */
static void finish(pid_t pid)
{
	stop_qemu(pid);
	terminal_restore();
}

int supervise(char **argv, unsigned timeout)
{
	struct relay r = { .in = -1, .out = -1 };
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_pipe;
	struct timespec deadline;
	sigset_t set, old;
	int sfd, pipefd[2];
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(*fatal_signals); i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &set, &old);
	/* A write to the pipe after QEMU is gone must be an error we see, not
	 * a signal that kills us with the terminal still raw. */
	sigaction(SIGPIPE, &ign, &old_pipe);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (sfd < 0) {
		complain("cannot start QEMU: signalfd: %s", strerror(errno));
		return LGUEST_EXIT_HOST_FAILED;
	}
	if (isatty(STDIN_FILENO)) {
		/* O_CLOEXEC: QEMU must not hold the write end, or it would
		 * never see the end of its input. */
		if (pipe2(pipefd, O_CLOEXEC) < 0) {
			complain("cannot start QEMU: pipe: %s", strerror(errno));
			return LGUEST_EXIT_HOST_FAILED;
		}
		r.in = STDIN_FILENO;
		r.out = pipefd[1];
	}

	pid = fork();
	if (pid < 0) {
		complain("cannot start QEMU: %s", strerror(errno));
		return LGUEST_EXIT_HOST_FAILED;
	}
	if (pid == 0) {
		sigaction(SIGPIPE, &old_pipe, NULL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (r.out >= 0 && dup2(pipefd[0], STDIN_FILENO) < 0)
			_exit(127);
		execv(argv[0], argv);
		fprintf(stderr, "lguest: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (r.out >= 0) {
		close(pipefd[0]);
		fcntl(r.out, F_SETFL, O_NONBLOCK);
		terminal_raw();
		fputs("lguest: the Guest has this terminal, Ctrl-C included; "
		      "Ctrl-A x quits\r\n", stderr);
	}
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout;

	for (;;) {
		struct pollfd fds[2] = { { .fd = sfd, .events = POLLIN } };
		struct signalfd_siginfo si;
		nfds_t nfds = 1;
		int wait_ms = timeout ? ms_left(&deadline) : -1;

		if (timeout && wait_ms == 0) {
			finish(pid);
			complain("timed out after %u s", timeout);
			return LGUEST_EXIT_TIMEOUT;
		}
		/* Read more keys only once the last ones are passed on. */
		if (r.len)
			fds[nfds++] = (struct pollfd){ .fd = r.out, .events = POLLOUT };
		else if (r.in >= 0)
			fds[nfds++] = (struct pollfd){ .fd = r.in, .events = POLLIN };
		if (poll(fds, nfds, wait_ms) <= 0)
			continue;	/* the timeout, or EINTR: look again */

		if (nfds > 1 && fds[1].revents) {
			if (r.len) {
				relay_write(&r);
			} else if (relay_read(&r) < 0) {
				finish(pid);
				complain("quit (Ctrl-A x)");
				/* The user interrupted it, as Ctrl-C would. */
				return 128 + SIGINT;
			}
		}
		if (!(fds[0].revents & POLLIN) ||
		    read(sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo == SIGCHLD) {
			int wstatus;

			if (waitpid(pid, &wstatus, WNOHANG) != pid)
				continue;
			/* Terminal back first, so what we say about it
			 * starts at the left. */
			terminal_restore();
			return status_from_qemu(wstatus);
		}
		/* A signal that would have ended us ends QEMU first. */
		finish(pid);
		complain("stopped by signal %d (%s)", (int)si.ssi_signo,
			 strsignal((int)si.ssi_signo));
		return 128 + (int)si.ssi_signo;
	}
}
