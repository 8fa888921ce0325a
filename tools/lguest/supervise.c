/*
 * Running QEMU and turning how it ended into our exit status.
 *
 * The signals that would end us (and SIGCHLD) are blocked and taken with
 * sigtimedwait(), so there is one place that sees every way out: QEMU
 * exiting, a signal for us (passed on to QEMU), or the timeout.  Each of
 * them restores the terminal before we go.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
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
	/* The Host ended the machine through isa-debug-exit. */
	if (rc >= 3 && (rc & 1)) {
		int status = LGUEST_STATUS_FROM_QEMU(rc);

		if (status <= LGUEST_EXIT_HOST_FAILED)
			return status;
	}
	if (rc == 0)
		complain("the machine stopped without an exit status (quit with "
			 "Ctrl-A x, or a Host triple fault)");
	else
		complain("QEMU failed (exit status %d)", rc);
	return LGUEST_EXIT_HOST_FAILED;
}

/* Ask QEMU to stop, then make it. */
static int stop_qemu(pid_t pid)
{
	struct timespec two_seconds = { 2, 0 };
	sigset_t chld;
	int wstatus;

	kill(pid, SIGTERM);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	if (waitpid(pid, &wstatus, WNOHANG) == 0 &&
	    sigtimedwait(&chld, NULL, &two_seconds) < 0)
		kill(pid, SIGKILL);
	waitpid(pid, &wstatus, 0);
	return wstatus;
}

int supervise(char **argv, unsigned timeout)
{
	sigset_t set, old;
	struct timespec deadline, now, left;
	pid_t pid;
	int wstatus;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(*fatal_signals); i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &set, &old);

	pid = fork();
	if (pid < 0) {
		complain("cannot start QEMU: %s", strerror(errno));
		return LGUEST_EXIT_HOST_FAILED;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		execv(argv[0], argv);
		fprintf(stderr, "lguest: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}

	terminal_raw();
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "lguest: the Guest has this terminal, Ctrl-C included; "
			"Ctrl-A x ends the run\r\n");
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout;

	for (;;) {
		siginfo_t info;
		int sig;

		if (timeout) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			left.tv_sec = deadline.tv_sec - now.tv_sec;
			left.tv_nsec = deadline.tv_nsec - now.tv_nsec;
			if (left.tv_nsec < 0) {
				left.tv_sec--;
				left.tv_nsec += 1000000000L;
			}
			if (left.tv_sec < 0) {
				stop_qemu(pid);
				terminal_restore();
				complain("timed out after %u s", timeout);
				return LGUEST_EXIT_TIMEOUT;
			}
			sig = sigtimedwait(&set, &info, &left);
		} else {
			sig = sigwaitinfo(&set, &info);
		}
		if (sig < 0)
			continue;	/* the timeout, or EINTR: look again */
		if (sig == SIGCHLD) {
			if (waitpid(pid, &wstatus, WNOHANG) != pid)
				continue;
			terminal_restore();
			return status_from_qemu(wstatus);
		}
		/* A signal that would have ended us ends QEMU first. */
		stop_qemu(pid);
		terminal_restore();
		complain("stopped by signal %d (%s)", sig, strsignal(sig));
		return 128 + sig;
	}
}
