/*
 * The run's control socket (run_dir.c), served inside lguest run beside
 * the first Guest's console, in supervise()'s poll loop: lguest list,
 * stop and console come here.  A connection sends one request line:
 *
 *   names         the Guests' names, one a line
 *   list          "NAME STATE MEMORY CPU_MS SWITCHES" for each Guest, from
 *                 the Host's state records (asked for on the serial line)
 *   stop NAME     the Guest asked to power off (its console's ESC 1); if
 *                 it has not ended after GRACE_MS, the Host kills it.  The
 *                 answer is the Host's line on how it ended.
 *   console NAME  "ok", then the connection is the Guest's console: what
 *                 comes is typed to it (escaped here, so no client can
 *                 end its input or stop it), what it writes goes back.
 *
 * An answer that fails starts "error ".  Each other Guest's console is a
 * socket to QEMU (open_channels()); with no one attached its output is
 * dropped here (QEMU has logged it to the console file already).  Nothing
 * a client sends is trusted: a request is at most REQUEST_MAX bytes and
 * must come within REQUEST_MS, names are looked up, never used as paths.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <lguest/console.h>
#include "console_escape.h"
#include "lguest.h"

#define MAX_CONNS	16	/* RUN_CONTROL_FDS counts them */
#define REQUEST_MAX	128
#define REQUEST_MS	5000
#define STATE_MS	5000	/* the Host answers "state" on its next tick */
#define GRACE_MS	5000	/* lguest stop: from asking to killing */
#define BUF_SIZE	8192

struct buf {
	unsigned char data[BUF_SIZE];
	size_t len;
};

enum conn_kind { C_FREE, C_REQUEST, C_LIST, C_STOP, C_CONSOLE };

struct conn {
	int fd;
	enum conn_kind kind;
	char req[REQUEST_MAX];
	size_t len;
	unsigned guest;		/* C_STOP, C_CONSOLE: which */
	long long deadline;	/* C_REQUEST, C_LIST: ms on the monotonic clock */
};

/* A Guest past the first: our end of its console, who is attached. */
struct other_console {
	int qemu;		/* -1 once QEMU closed it */
	struct conn *client;	/* or NULL */
	struct buf to_guest, to_client;
};

struct state {
	int known;
	char what[16];
	unsigned long long mem, cpu_ms, switches;
};

static struct {
	const struct options *o;
	int listen_fd, serial;
	char path[128];
	void (*to_first)(const unsigned char *s, size_t n);
	struct conn conns[MAX_CONNS];
	struct other_console cons[LGUEST_CLI_MAX_GUESTS];
	int ended[LGUEST_CLI_MAX_GUESTS];
	char end_line[LGUEST_CLI_MAX_GUESTS][256];
	long long stop_deadline[LGUEST_CLI_MAX_GUESTS];	/* 0: not stopping */
	struct state state[LGUEST_CLI_MAX_GUESTS];
	int state_asked;
} rc = { .listen_fd = -1 };

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

/* An answer is a few lines: a socket's buffer takes it whole, or the
 * client is gone. */
static void say(struct conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct conn *c, const char *fmt, ...)
{
	char s[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s, sizeof(s), fmt, ap);
	va_end(ap);
	if (n > 0 && send(c->fd, s, (size_t)n < sizeof(s) ? (size_t)n : sizeof(s) - 1,
			  MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		return;
}

static void hang_up(struct conn *c)
{
	/* Detached: what the Guest writes from now on is dropped. */
	if (c->kind == C_CONSOLE && rc.cons[c->guest].client == c) {
		rc.cons[c->guest].client = NULL;
		rc.cons[c->guest].to_client.len = 0;
	}
	close(c->fd);
	c->kind = C_FREE;
	c->fd = -1;
}

static void to_host(const char *request)
{
	size_t n = strlen(request);

	if (send(rc.serial, request, n, MSG_NOSIGNAL | MSG_DONTWAIT) != (ssize_t)n)
		complain("could not send the Host \"%.*s\"", (int)n - 1, request);
}

static int guest_named(const char *name)
{
	for (unsigned i = 0; i < rc.o->nguests; i++)
		if (!strcmp(rc.o->guests[i].name, name))
			return (int)i;
	return -1;
}

static void answer_list(struct conn *c)
{
	for (unsigned i = 0; i < rc.o->nguests; i++) {
		const struct state *s = &rc.state[i];

		if (s->known)
			say(c, "%s %s %llu %llu %llu\n", rc.o->guests[i].name, s->what,
			    s->mem, s->cpu_ms, s->switches);
	}
	hang_up(c);
}

/* Ask the Guest to power off, on its console's input. */
static void ask_to_stop(unsigned i)
{
	static const unsigned char poweroff[] = { LGUEST_CONSOLE_ESC, LGUEST_CONSOLE_POWEROFF };
	struct buf *b = &rc.cons[i].to_guest;

	if (i == 0) {
		rc.to_first(poweroff, sizeof(poweroff));
	} else if (b->len + sizeof(poweroff) <= sizeof(b->data)) {
		memcpy(b->data + b->len, poweroff, sizeof(poweroff));
		b->len += sizeof(poweroff);
	}
	if (!rc.stop_deadline[i])
		rc.stop_deadline[i] = now_ms() + GRACE_MS;
}

/* A whole request line has come (without its newline). */
static void request(struct conn *c, char *line)
{
	const char *arg = strchr(line, ' ');
	int i = arg ? guest_named(arg + 1) : -1;

	if (!strcmp(line, "names")) {
		for (unsigned g = 0; g < rc.o->nguests; g++)
			say(c, "%s\n", rc.o->guests[g].name);
		hang_up(c);
		return;
	}
	if (!strcmp(line, "list")) {
		if (!rc.state_asked)
			to_host("state\n");
		rc.state_asked = 1;
		c->kind = C_LIST;
		c->deadline = now_ms() + STATE_MS;
		return;
	}
	if (arg && i < 0) {
		say(c, "error no Guest named %.64s in this run\n", arg + 1);
		hang_up(c);
		return;
	}
	if (arg && rc.ended[i]) {
		say(c, "error %s has ended: %s\n", rc.o->guests[i].name, rc.end_line[i]);
		hang_up(c);
		return;
	}
	if (!strncmp(line, "stop ", 5) && arg) {
		c->kind = C_STOP;
		c->guest = (unsigned)i;
		ask_to_stop((unsigned)i);
		return;
	}
	if (!strncmp(line, "console ", 8) && arg) {
		if (i == 0)
			say(c, "error %s's console is lguest run's own terminal\n",
			    rc.o->guests[i].name);
		else if (rc.cons[i].client)
			say(c, "error %s's console is attached already (one lguest "
			    "console at a time)\n", rc.o->guests[i].name);
		else if (rc.cons[i].qemu < 0)
			say(c, "error %s's console has closed\n", rc.o->guests[i].name);
		if (i == 0 || rc.cons[i].client || rc.cons[i].qemu < 0) {
			hang_up(c);
			return;
		}
		say(c, "ok\n");
		c->kind = C_CONSOLE;
		c->guest = (unsigned)i;
		rc.cons[i].client = c;
		rc.cons[i].to_client.len = 0;
		return;
	}
	say(c, "error not a request: %.64s\n", line);
	hang_up(c);
}

/* The client typed: escaped into the Guest's input, as much as has room
 * (the rest waits in the socket). */
static void console_typed(struct conn *c)
{
	struct buf *b = &rc.cons[c->guest].to_guest;
	unsigned char in[BUF_SIZE / 2];
	size_t room = (sizeof(b->data) - b->len) / 2;
	ssize_t n;

	if (!room)
		return;
	n = read(c->fd, in, room < sizeof(in) ? room : sizeof(in));
	if (n > 0)
		b->len += console_escape(in, (size_t)n, b->data + b->len);
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		hang_up(c);	/* detached: the Guest's input goes on */
}

static void conn_readable(struct conn *c)
{
	ssize_t n;
	char *nl;

	if (c->kind == C_CONSOLE) {
		console_typed(c);
		return;
	}
	if (c->kind != C_REQUEST) {
		/* Nothing more is asked of a waiting client; its end is. */
		char dummy[64];

		n = read(c->fd, dummy, sizeof(dummy));
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			hang_up(c);
		return;
	}
	n = read(c->fd, c->req + c->len, sizeof(c->req) - c->len);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		hang_up(c);
		return;
	}
	if (n < 0)
		return;
	c->len += (size_t)n;
	nl = memchr(c->req, '\n', c->len);
	if (!nl) {
		if (c->len == sizeof(c->req)) {
			say(c, "error a request is at most %d bytes\n", REQUEST_MAX - 1);
			hang_up(c);
		}
		return;
	}
	*nl = '\0';
	if (memchr(c->req, '\0', (size_t)(nl - c->req))) {
		say(c, "error not a request\n");
		hang_up(c);
		return;
	}
	request(c, c->req);
}

static void accept_one(void)
{
	int fd = accept4(rc.listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (fd < 0)
		return;
	for (unsigned i = 0; i < MAX_CONNS; i++) {
		struct conn *c = &rc.conns[i];

		if (c->kind == C_FREE) {
			*c = (struct conn){ .fd = fd, .kind = C_REQUEST,
					    .deadline = now_ms() + REQUEST_MS };
			return;
		}
	}
	send(fd, "error the run is busy: try again\n", 33, MSG_NOSIGNAL | MSG_DONTWAIT);
	close(fd);
}

static void buf_drop(struct buf *b, ssize_t n)
{
	if (n <= 0)
		return;
	memmove(b->data, b->data + n, b->len - (size_t)n);
	b->len -= (size_t)n;
}

/* The Guest wrote: to its attached client, or nowhere. */
static void guest_wrote(struct other_console *oc)
{
	struct buf *b = &oc->to_client;
	ssize_t n = read(oc->qemu, b->data + b->len, sizeof(b->data) - b->len);

	if (n > 0 && oc->client)
		b->len += (size_t)n;
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		close(oc->qemu);
		oc->qemu = -1;
	}
}

int run_control_open(const struct options *o, void (*to_first)(const unsigned char *, size_t))
{
	rc.o = o;
	rc.serial = o->serial_fd;
	rc.to_first = to_first;
	for (unsigned i = 0; i < MAX_CONNS; i++)
		rc.conns[i] = (struct conn){ .fd = -1 };
	for (unsigned i = 0; i < LGUEST_CLI_MAX_GUESTS; i++)
		rc.cons[i].qemu = i && i < o->nguests ? o->guests[i].console_fd : -1;
	rc.listen_fd = run_listen(rc.path, sizeof(rc.path));
	if (rc.listen_fd < 0)
		return -1;
	fprintf(stderr, "lguest: run %d: lguest list, lguest console NAME, "
		"lguest stop NAME\n", (int)getpid());
	return 0;
}

/* What each pollfd run_control_fds() gave is. */
enum { T_LISTEN, T_CONN, T_GUEST };
static struct { int type; unsigned index; } tags[1 + MAX_CONNS + LGUEST_CLI_MAX_GUESTS];

unsigned run_control_fds(struct pollfd *p)
{
	unsigned n = 0;

	if (rc.listen_fd < 0)
		return 0;
	tags[n].type = T_LISTEN;
	p[n++] = (struct pollfd){ rc.listen_fd, POLLIN, 0 };
	for (unsigned i = 0; i < MAX_CONNS; i++) {
		struct conn *c = &rc.conns[i];
		short events = POLLIN;

		if (c->kind == C_FREE)
			continue;
		if (c->kind == C_CONSOLE) {
			if (rc.cons[c->guest].to_guest.len == sizeof(rc.cons[c->guest].to_guest.data))
				events = 0;
			if (rc.cons[c->guest].to_client.len)
				events |= POLLOUT;
		}
		tags[n].type = T_CONN;
		tags[n].index = i;
		p[n++] = (struct pollfd){ c->fd, events, 0 };
	}
	for (unsigned i = 1; i < rc.o->nguests; i++) {
		struct other_console *oc = &rc.cons[i];
		short events = 0;

		if (oc->qemu < 0)
			continue;
		if (oc->to_client.len < sizeof(oc->to_client.data))
			events |= POLLIN;
		if (oc->to_guest.len)
			events |= POLLOUT;
		tags[n].type = T_GUEST;
		tags[n].index = i;
		p[n++] = (struct pollfd){ oc->qemu, events, 0 };
	}
	return n;
}

void run_control_ready(const struct pollfd *p, unsigned n)
{
	for (unsigned k = 0; k < n; k++) {
		if (!p[k].revents)
			continue;
		if (tags[k].type == T_LISTEN) {
			accept_one();
		} else if (tags[k].type == T_CONN) {
			struct conn *c = &rc.conns[tags[k].index];
			struct buf *out = &rc.cons[c->guest].to_client;

			if (c->kind == C_FREE || c->fd != p[k].fd)
				continue;
			if (c->kind == C_CONSOLE && (p[k].revents & POLLOUT))
				buf_drop(out, send(c->fd, out->data, out->len,
						   MSG_NOSIGNAL | MSG_DONTWAIT));
			if (p[k].revents & (POLLIN | POLLHUP | POLLERR))
				conn_readable(c);
		} else {
			struct other_console *oc = &rc.cons[tags[k].index];

			if (oc->qemu < 0)
				continue;
			if (p[k].revents & POLLOUT)
				buf_drop(&oc->to_guest, write(oc->qemu, oc->to_guest.data,
							      oc->to_guest.len));
			if (p[k].revents & (POLLIN | POLLHUP | POLLERR))
				guest_wrote(oc);
			if (oc->qemu < 0 && oc->client)
				hang_up(oc->client);
		}
	}
}

int run_control_timeout(void)
{
	long long soonest = -1, now = now_ms();

	for (unsigned i = 0; i < MAX_CONNS; i++) {
		const struct conn *c = &rc.conns[i];

		if ((c->kind == C_REQUEST || c->kind == C_LIST) &&
		    (soonest < 0 || c->deadline < soonest))
			soonest = c->deadline;
	}
	for (unsigned i = 0; rc.o && i < rc.o->nguests; i++)
		if (rc.stop_deadline[i] > 0 && (soonest < 0 || rc.stop_deadline[i] < soonest))
			soonest = rc.stop_deadline[i];
	if (soonest < 0)
		return -1;
	return soonest <= now ? 0 : soonest - now > 60000 ? 60000 : (int)(soonest - now);
}

void run_control_tick(void)
{
	long long now = now_ms();

	for (unsigned i = 0; i < MAX_CONNS; i++) {
		struct conn *c = &rc.conns[i];

		if (c->kind == C_REQUEST && now >= c->deadline) {
			say(c, "error no request came within %d s\n", REQUEST_MS / 1000);
			hang_up(c);
		} else if (c->kind == C_LIST && now >= c->deadline) {
			say(c, "error the Host did not say how its Guests are\n");
			hang_up(c);
			rc.state_asked = 0;
		}
	}
	for (unsigned i = 0; rc.o && i < rc.o->nguests; i++) {
		if (rc.stop_deadline[i] <= 0 || now < rc.stop_deadline[i])
			continue;
		/* Asked, and still running: the Host kills it, once. */
		rc.stop_deadline[i] = -1;
		if (!rc.ended[i]) {
			char kill[16];

			snprintf(kill, sizeof(kill), "kill %u\n", i);
			to_host(kill);
		}
	}
}

/* "lguest: state N WHAT MEM TSC KHZ SWITCHES", checked field by field. */
static void state_record(const char *s)
{
	unsigned n;
	char what[16];
	unsigned long long mem, tsc, khz, switches;
	int end;

	if (sscanf(s, "%u %15[a-z] %llu %llu %llu %llu%n", &n, what, &mem, &tsc, &khz,
		   &switches, &end) != 6 || s[end] != '\n' || n >= rc.o->nguests)
		return;
	rc.state[n].known = 1;
	snprintf(rc.state[n].what, sizeof(rc.state[n].what), "%s", what);
	rc.state[n].mem = mem;
	rc.state[n].cpu_ms = khz ? tsc / khz : 0;
	rc.state[n].switches = switches;
}

int run_control_record(const char *line, size_t len)
{
	static const char state[] = LGUEST_SERIAL_STATE, ended[] = LGUEST_SERIAL_HOST "guest ";
	char s[256];
	unsigned n;
	int at = 0;

	if (rc.listen_fd < 0 || len >= sizeof(s))
		return 0;
	memcpy(s, line, len);
	s[len] = '\0';
	if (!strcmp(s, LGUEST_SERIAL_STATE "end\n")) {
		rc.state_asked = 0;
		for (unsigned i = 0; i < MAX_CONNS; i++)
			if (rc.conns[i].kind == C_LIST)
				answer_list(&rc.conns[i]);
		return 1;
	}
	if (!strncmp(s, state, sizeof(state) - 1)) {
		state_record(s + sizeof(state) - 1);
		return 1;
	}
	/* "lguest: guest N ended: ...": shown, and noted. */
	if (!strncmp(s, ended, sizeof(ended) - 1) &&
	    sscanf(s + sizeof(ended) - 1, "%u ended: %n", &n, &at) == 1 && at &&
	    n < rc.o->nguests) {
		const char *how = s + sizeof(ended) - 1 + at;

		rc.ended[n] = 1;
		snprintf(rc.end_line[n], sizeof(rc.end_line[n]), "%.*s",
			 (int)strcspn(how, "\n"), how);
		for (unsigned i = 0; i < MAX_CONNS; i++) {
			struct conn *c = &rc.conns[i];

			if (c->kind == C_STOP && c->guest == n) {
				say(c, "ended %s\n", rc.end_line[n]);
				hang_up(c);
			}
		}
	}
	return 0;
}

void run_control_close(void)
{
	if (rc.listen_fd < 0)
		return;
	for (unsigned i = 0; i < MAX_CONNS; i++) {
		struct conn *c = &rc.conns[i];

		if (c->kind == C_STOP)
			say(c, "ended the run ended\n");
		else if (c->kind == C_LIST)
			say(c, "error the run ended\n");
		if (c->kind != C_FREE)
			hang_up(c);
	}
	unlink(rc.path);
	close(rc.listen_fd);
	rc.listen_fd = -1;
}
