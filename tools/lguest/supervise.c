/*
 * Running QEMU, relaying its two channels, and turning how it ended into
 * our exit status.
 *
 * The channels (include/lguest/console.h): the Guest's console is a socket
 * to QEMU, relayed to and from our stdin and stdout; the serial line is a
 * pipe from QEMU, whose records we show on stderr, beside our own
 * messages.  One poll() loop serves them all and a signalfd: every signal
 * that would end us is blocked and read there, so one place sees every
 * way out (QEMU exiting, a signal, Ctrl-A x, the timeout), stops QEMU,
 * shows what it had already said and restores the terminal.  What nothing
 * can catch (SIGKILL) ends QEMU too: the kernel kills it when we die.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <lguest/exit_status.h>
#include "lguest.h"

/* Bytes on their way to the Guest's console, and from it to stdout. */
struct buffer {
	unsigned char data[65536];
	size_t len;
};

struct relay {
	pid_t qemu;
	int console;		/* our end of the Guest's console, or -1 */
	int serial;		/* the serial line's read end, or -1 */
	int reading_stdin;
	int stdout_broken;	/* a write failed: what is left is dropped */
	struct console_input input;
	struct serial_view serial_view;
	struct buffer to_guest, to_stdout;
};

/* What we read from stdin at a time: escaped, it may double. */
#define INPUT_CHUNK 1024

/* QEMU's exit status, in our terms (the serial line read to its end, for
 * a status the machine recorded there). */
static int status_from_qemu(int wstatus, const struct serial_view *v)
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
		if (status == LGUEST_EXIT_RECORDED && v->has_exit_status)
			return v->exit_status;
		if (status == LGUEST_EXIT_RECORDED) {
			complain("the machine ended with an exit status it did not record");
			return LGUEST_EXIT_HOST_FAILED;
		}
	}
	if (rc == 0)
		complain("the machine stopped without an exit status (a triple "
			 "fault in the Host, or QEMU was stopped from outside)");
	else
		complain("QEMU failed (exit status %d)", rc);
	return LGUEST_EXIT_HOST_FAILED;
}

/* The run is over before the Guest said so: nothing QEMU would do on its
 * way out matters (the disk image already has every write it finished,
 * and SIGTERM would only have it say that it was terminated). */
static void stop_qemu(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= (size_t)n;
	}
}

/* A serial line's record: the Host's state records are lguest list's,
 * the rest the user's. */
static void show_on_stderr(const char *s, size_t len)
{
	if (!run_control_record(s, len))
		write_all(STDERR_FILENO, s, len);
}

/* The serial line has something: show its records as its lines end. */
static void serial_end(struct relay *r)
{
	serial_view_end(&r->serial_view, show_on_stderr);
	close(r->serial);
	r->serial = -1;
}

/* The serial line has something: show its records as its lines end.
 * Returns what read() did. */
static ssize_t serial_readable(struct relay *r)
{
	char buf[4096];
	ssize_t n = read(r->serial, buf, sizeof(buf));

	if (n > 0)
		serial_view_feed(&r->serial_view, buf, (size_t)n, show_on_stderr);
	else if (n == 0 || errno != EAGAIN)
		serial_end(r);
	return n;
}

static void console_readable(struct relay *r)
{
	struct buffer *b = &r->to_stdout;
	ssize_t n = read(r->console, b->data + b->len, sizeof(b->data) - b->len);

	if (n > 0) {
		b->len += (size_t)n;
	} else if (n == 0 || errno != EAGAIN) {
		close(r->console);
		r->console = -1;
	}
}

static void console_writable(struct relay *r)
{
	struct buffer *b = &r->to_guest;
	ssize_t n = write(r->console, b->data, b->len);

	if (n > 0) {
		memmove(b->data, b->data + n, b->len - (size_t)n);
		b->len -= (size_t)n;
	}
}

/* At most what a pipe takes at once, so a stdout that poll() called
 * writable never blocks us for long. */
static void stdout_writable(struct relay *r)
{
	struct buffer *b = &r->to_stdout;
	ssize_t n = write(STDOUT_FILENO, b->data, b->len < PIPE_BUF ? b->len : PIPE_BUF);

	if (n > 0) {
		memmove(b->data, b->data + n, b->len - (size_t)n);
		b->len -= (size_t)n;
	} else if (n < 0 && errno != EINTR && errno != EAGAIN) {
		r->stdout_broken = 1;	/* SIGPIPE, if that is why, ends us */
		b->len = 0;
	}
}

/* Returns 1 if the user ended the run with Ctrl-A x. */
static int stdin_readable(struct relay *r)
{
	unsigned char buf[INPUT_CHUNK];
	struct buffer *b = &r->to_guest;
	ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
	unsigned events = 0;

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0) {
		/* End of input: the Guest's readers see end of file. */
		b->len += console_input_end(b->data + b->len);
		r->reading_stdin = 0;
		return 0;
	}
	b->len += console_input(&r->input, buf, (size_t)n, b->data + b->len, &events);
	if (events & CONSOLE_HELP)
		complain("Ctrl-A x ends the run, Ctrl-A Ctrl-A sends Ctrl-A; "
			 "there is no QEMU monitor");
	return !!(events & CONSOLE_QUIT);
}

/* QEMU is gone: whatever it had written is still ours to show. */
static void drain(struct relay *r)
{
	if (!r->stdout_broken)
		write_all(STDOUT_FILENO, r->to_stdout.data, r->to_stdout.len);
	while (r->console >= 0) {
		ssize_t n = read(r->console, r->to_stdout.data, sizeof(r->to_stdout.data));

		if (n > 0 && !r->stdout_broken)
			write_all(STDOUT_FILENO, r->to_stdout.data, (size_t)n);
		if (n <= 0) {
			close(r->console);
			r->console = -1;
		}
	}
	while (r->serial >= 0 && serial_readable(r) > 0)
		;
	if (r->serial >= 0)
		serial_end(r);
}

/* However the run ends: QEMU stopped (if it still runs), what it said
 * shown, the terminal as it was; then the caller says why. */
static void end_run(struct relay *r, int qemu_running)
{
	if (qemu_running)
		stop_qemu(r->qemu);
	drain(r);
	run_control_close();
	terminal_restore();
}

/* Each end at 10 or above, clear of the standard descriptors and of
 * those the modules may take (modules.c).  QEMU's ends it inherits (its
 * command line names them); ours are close-on-exec and non-blocking:
 * poll() says when to use them. */
static int high_fd(int fd, int ours)
{
	int high = fcntl(fd, ours ? F_DUPFD_CLOEXEC : F_DUPFD, 10);

	close(fd);
	if (high >= 0 && ours)
		fcntl(high, F_SETFL, O_NONBLOCK);
	return high;
}

/* One socket pair: QEMU's end and ours. */
static int channel(int *qemu_end, int *our_end)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return -1;
	*our_end = high_fd(sv[0], 1);
	*qemu_end = high_fd(sv[1], 0);
	return *our_end < 0 || *qemu_end < 0 ? -1 : 0;
}

/* The first Guest's console, the serial line (both ways: the Host's
 * records, lguest's requests), and each other Guest's console. */
int open_channels(struct options *o)
{
	int failed = channel(&o->qemu_console_fd, &o->console_fd) < 0 ||
		     channel(&o->qemu_serial_fd, &o->serial_fd) < 0;

	for (unsigned i = 1; i < o->nguests && !failed; i++)
		failed = channel(&o->guests[i].qemu_console_fd, &o->guests[i].console_fd) < 0;
	if (failed) {
		complain("cannot make QEMU's console: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static __attribute__((noreturn)) void run_qemu(char **argv, const sigset_t *mask, pid_t parent)
{
	int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);

	/* QEMU dies with us, whatever kills us.  (If we are gone already,
	 * no one would see it run.) */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(127);
	/* A process group of its own: a terminal's signals are for us, never
	 * for QEMU.  It reads nothing of the user's, and anything it says of
	 * its own goes to stderr. */
	setpgid(0, 0);
	if (devnull < 0 || dup2(devnull, STDIN_FILENO) < 0 ||
	    dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
		_exit(127);
	sigprocmask(SIG_SETMASK, mask, NULL);
	execv(argv[0], argv);
	fprintf(stderr, "lguest: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* The signals we take from the signalfd: all that would end us (those we
 * were told to ignore stay ignored), SIGCHLD, and the terminal's SIGTTIN
 * and SIGTTOU, so that a run in the background never stops on them.
 * Faults stay unblocked (they are ours to die of), and so do the signals
 * whose default is to stop or continue us, or nothing. */
static void relay_signals(sigset_t *set)
{
	static const int left_alone[] = {
		SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP,
		SIGTSTP, SIGCONT, SIGWINCH, SIGURG,
	};

	sigfillset(set);
	for (size_t i = 0; i < sizeof(left_alone) / sizeof(*left_alone); i++)
		sigdelset(set, left_alone[i]);
}

static int ignored_signal(int sig)
{
	return sig == SIGTTIN || sig == SIGTTOU;
}

/* Milliseconds until the deadline, for poll(); -1 for none. */
static int ms_left(const struct timespec *deadline, unsigned timeout)
{
	struct timespec now;
	long long ms;

	if (!timeout)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (deadline->tv_sec - now.tv_sec) * 1000LL +
	     (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms > INT_MAX ? INT_MAX : (int)ms;
}

enum { P_SIGNALS, P_SERIAL, P_CONSOLE, P_STDIN, P_STDOUT, P_COUNT };

static struct relay relay;	/* its buffers are big */

/* lguest stop of the first Guest: its request on the console's input,
 * after what the user typed (and after the end of it, if it came). */
static void to_first_guest(const unsigned char *s, size_t n)
{
	struct buffer *b = &relay.to_guest;

	if (sizeof(b->data) - b->len >= n) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
	}
}

int supervise(char **argv, const struct options *o)
{
	struct relay *r = &relay;
	sigset_t set, old;
	struct timespec deadline;
	int sigfd, wstatus;
	pid_t me;

	r->input.interactive = o->interactive;
	relay_signals(&set);
	sigprocmask(SIG_BLOCK, &set, &old);
	sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0) {
		complain("signalfd: %s", strerror(errno));
		return LGUEST_EXIT_HOST_FAILED;
	}

	/* Several Guests: the control socket (lguest list, stop, console). */
	if (o->nguests && run_control_open(o, to_first_guest) < 0)
		return LGUEST_EXIT_HOST_FAILED;
	me = getpid();
	r->qemu = fork();
	if (r->qemu < 0) {
		complain("cannot start QEMU: %s", strerror(errno));
		return LGUEST_EXIT_HOST_FAILED;
	}
	if (r->qemu == 0)
		run_qemu(argv, &old, me);
	close(o->qemu_console_fd);
	close(o->qemu_serial_fd);
	for (unsigned i = 1; i < o->nguests; i++)
		close(o->guests[i].qemu_console_fd);
	r->console = o->console_fd;
	r->serial = o->serial_fd;

	/* Input from a terminal we are not in front of is not ours: the
	 * Guest's readers get end of file at once. */
	r->reading_stdin = !isatty(STDIN_FILENO) || o->interactive;
	if (!r->reading_stdin) {
		complain("not in the terminal's foreground: the Guest gets no input "
			 "(run lguest in the foreground to type to it)");
		r->to_guest.len = console_input_end(r->to_guest.data);
	}
	if (o->interactive)
		complain("the Guest has this terminal, Ctrl-C included; "
			 "Ctrl-A x ends the run");
	terminal_raw();
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += o->timeout;

	for (;;) {
		/* The serial line waits while the Guest's output does: what
		 * QEMU passed on first is shown first (a program's last words
		 * before the kernel's line that it exited). */
		struct pollfd p[P_COUNT + RUN_CONTROL_FDS] = {
			[P_SIGNALS] = { sigfd, POLLIN, 0 },
			[P_SERIAL] = { r->to_stdout.len ? -1 : r->serial, POLLIN, 0 },
			[P_CONSOLE] = { r->console, 0, 0 },
			[P_STDIN] = { -1, POLLIN, 0 },
			[P_STDOUT] = { -1, POLLOUT, 0 },
		};
		struct signalfd_siginfo si;
		int ready, wait_ms, control_ms;
		unsigned ncontrol;

		if (r->to_stdout.len < sizeof(r->to_stdout.data))
			p[P_CONSOLE].events |= POLLIN;
		if (r->to_guest.len)
			p[P_CONSOLE].events |= POLLOUT;
		if (r->reading_stdin &&
		    sizeof(r->to_guest.data) - r->to_guest.len >= 2 * INPUT_CHUNK + 2)
			p[P_STDIN].fd = STDIN_FILENO;
		if (r->to_stdout.len)
			p[P_STDOUT].fd = STDOUT_FILENO;

		ncontrol = run_control_fds(p + P_COUNT);
		wait_ms = ms_left(&deadline, o->timeout);
		control_ms = run_control_timeout();
		if (control_ms >= 0 && (wait_ms < 0 || control_ms < wait_ms))
			wait_ms = control_ms;
		ready = poll(p, P_COUNT + ncontrol, wait_ms);
		if (ready < 0 && errno != EINTR) {
			end_run(r, 1);
			complain("poll: %s", strerror(errno));
			return LGUEST_EXIT_HOST_FAILED;
		}
		if (o->timeout && !ms_left(&deadline, o->timeout)) {
			end_run(r, 1);
			complain("timed out after %u s", o->timeout);
			return LGUEST_EXIT_TIMEOUT;
		}
		if (read(sigfd, &si, sizeof(si)) == sizeof(si) && !ignored_signal((int)si.ssi_signo)) {
			int sig = (int)si.ssi_signo;

			if (sig == SIGCHLD) {
				if (waitpid(r->qemu, &wstatus, WNOHANG) != r->qemu)
					continue;
				end_run(r, 0);
				return status_from_qemu(wstatus, &r->serial_view);
			}
			/* A signal that would have ended us ends QEMU first. */
			end_run(r, 1);
			complain("stopped by signal %d (%s)", sig, strsignal(sig));
			return 128 + sig;
		}
		if (p[P_CONSOLE].revents & (POLLIN | POLLHUP | POLLERR))
			console_readable(r);
		if (r->console >= 0 && (p[P_CONSOLE].revents & POLLOUT))
			console_writable(r);
		if (p[P_STDOUT].revents)
			stdout_writable(r);
		if (p[P_SERIAL].revents && !r->to_stdout.len)
			serial_readable(r);
		run_control_ready(p + P_COUNT, ncontrol);
		run_control_tick();
		if (p[P_STDIN].revents && stdin_readable(r)) {
			end_run(r, 1);
			complain("you ended the run (Ctrl-A x)");
			return LGUEST_EXIT_HOST_FAILED;
		}
	}
}
