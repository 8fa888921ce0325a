/*
 * guest/drivers/tty_ldisc.c: first every case Linux's n_tty was recorded
 * doing (tty_ldisc_linux.h, from tty_ldisc_linux.py), replayed byte for
 * byte; then what a pty cannot show without blocking: VMIN/VTIME waits,
 * hang-up, output into a small buffer, flow control calls.
 */
#include "check.h"
#include "drivers/tty_ldisc.h"
#include <string.h>

struct linux_step {
	char op;			/* t: TCSETS, f: TCSETSF, w: type, r: read, o: write */
	struct termios termios;		/* t, f */
	const char *in;			/* w, o */
	size_t in_len;
	int n, ret;			/* r: read(n) without blocking gave ret */
	const char *out;		/* w: the echo; r: the bytes read; o: the screen's */
	size_t out_len;
	const char *echo;		/* r: the echo of input a full queue took after it */
	size_t echo_len;
	const char *signals;		/* w: I, Q, Z for SIGINT, SIGQUIT, SIGTSTP */
};
struct linux_case {
	const char *name;
	const struct linux_step *steps;
};
#include "tty_ldisc_linux.h"

/* The tty device around the ldisc, as the test sees it. */
static u8 screen[16384];
static size_t screen_len;
static char signals[16];
static size_t signals_len;

static void on_echo(void *ctx, const u8 *s, size_t n)
{
	(void)ctx;
	if (screen_len + n <= sizeof(screen))
		memcpy(screen + screen_len, s, n);
	screen_len += n;
}

static void on_signal(void *ctx, int sig)
{
	(void)ctx;
	if (signals_len + 1 < sizeof(signals))
		signals[signals_len++] = sig == LDISC_SIGINT ? 'I' : sig == LDISC_SIGQUIT ? 'Q'
				       : sig == LDISC_SIGTSTP ? 'Z' : '?';
	signals[signals_len] = 0;
}

static const struct ldisc_ops ops = { on_echo, on_signal };
static struct ldisc l;

static void clear_screen(void)
{
	screen_len = 0;
	signals_len = 0;
	signals[0] = 0;
}

static int screen_is(const char *want, size_t n)
{
	return screen_len == n && !memcmp(screen, want, n);
}

/* Input the ldisc did not take yet waits here, as in Linux's flip buffer,
 * and is offered again after every read. */
static u8 pending[8192];
static size_t pending_len;

static void offer(void)
{
	size_t took = ldisc_receive(&l, pending, pending_len);

	memmove(pending, pending + took, pending_len - took);
	pending_len -= took;
}

/* read() with O_NONBLOCK. */
static long read_nonblock(u8 *buf, size_t n)
{
	struct ldisc_reader r = { 0 };

	if (ldisc_read(&l, &r, buf, n) == LDISC_READ_WAIT && !r.done)
		return -11;	/* -EAGAIN */
	return r.done;
}

static void replay(const struct linux_case *c)
{
	static u8 buf[8192];
	int ok = 1, step = 0;
	const struct linux_step *s;

	ldisc_init(&l, &ops, NULL, 0);
	pending_len = 0;
	for (s = c->steps; s->op && ok; s++, step++) {
		clear_screen();
		switch (s->op) {
		case 'f':
			ldisc_flush(&l, TCIFLUSH);
			/* fall through */
		case 't':
			ldisc_set_termios(&l, &s->termios);
			break;
		case 'w':
			memcpy(pending + pending_len, s->in, s->in_len);
			pending_len += s->in_len;
			offer();
			ok = screen_is(s->out, s->out_len) && !strcmp(signals, s->signals);
			break;
		case 'r': {
			long got = read_nonblock(buf, s->n);

			ok = got == s->ret && (got <= 0 || !memcmp(buf, s->out, got));
			offer();
			ok = ok && screen_is(s->echo, s->echo_len);
			break;
		}
		case 'o': {
			size_t consumed;
			size_t n = ldisc_output(&l, (const u8 *)s->in, s->in_len, buf, sizeof(buf),
						&consumed);

			ok = consumed == s->in_len && n == s->out_len && !memcmp(buf, s->out, n);
			break;
		}
		}
	}
	CHECK(ok, "as Linux: %s", c->name);
	if (!ok)
		printf("    differs at step %d ('%c'): screen %zu bytes \"%.*s\", signals \"%s\"\n",
		       step - 1, s[-1].op, screen_len, (int)(screen_len < 200 ? screen_len : 200),
		       (const char *)screen, signals);
}

/* --- Beyond what the pty recordings show --- */

static void type(const char *s)
{
	ldisc_receive(&l, (const u8 *)s, strlen(s));
}

static void set_cc(int index, u8 value, u32 lflag_off)
{
	struct termios t = l.termios;

	t.c_cc[index] = value;
	t.c_lflag &= ~lflag_off;
	ldisc_set_termios(&l, &t);
}

static void test_canonical_read_waits(void)
{
	struct ldisc_reader r = { 0 };
	u8 buf[16];

	ldisc_init(&l, &ops, NULL, 0);
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_WAIT && r.timer_ds == 0,
	      "canonical: an empty read waits without a timer");
	type("ab");
	CHECK(!ldisc_readable(&l) && ldisc_inq(&l) == 0, "canonical: half a line is not readable");
	type("\r\x04");
	CHECK(ldisc_readable(&l) && ldisc_inq(&l) == 3,
	      "canonical: FIONREAD counts whole lines, not their VEOF");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 3 &&
	      !memcmp(buf, "ab\n", 3), "canonical: the waiting read gets the line");
	r = (struct ldisc_reader){ 0 };
	CHECK(ldisc_read(&l, &r, buf, 0) == LDISC_READ_DONE && r.done == 0 && ldisc_readable(&l),
	      "a read of 0 bytes takes nothing");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 0,
	      "canonical: then the VEOF line reads as end of file");
}

static void test_vmin_vtime(void)
{
	struct ldisc_reader r = { 0 };
	u8 buf[16];

	ldisc_init(&l, &ops, NULL, 1);
	set_cc(VMIN, 3, 0);
	type("a");
	CHECK(!ldisc_readable(&l), "VMIN 3: poll waits for 3 bytes");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_WAIT && r.done == 1 &&
	      r.timer_ds == 0, "VMIN 3, VTIME 0: takes 1 and waits without a timer");
	type("bcd");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 4 &&
	      !memcmp(buf, "abcd", 4), "VMIN 3: done with all there is once 3 came");
	r = (struct ldisc_reader){ 0 };
	type("xyz");
	CHECK(ldisc_read(&l, &r, buf, 2) == LDISC_READ_DONE && r.done == 2,
	      "VMIN 3: a 2-byte read is done with 2");

	ldisc_init(&l, &ops, NULL, 1);
	set_cc(VMIN, 3, 0);
	set_cc(VTIME, 5, 0);
	r = (struct ldisc_reader){ 0 };
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_WAIT && r.timer_ds == 0,
	      "VMIN 3, VTIME 5: no timer before the first byte");
	CHECK(ldisc_readable(&l) == 0, "VMIN 3, VTIME 5: poll wants one byte");
	type("a");
	CHECK(ldisc_readable(&l), "VMIN 3, VTIME 5: poll is content with one");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_WAIT && r.done == 1 &&
	      r.timer_ds == 5, "VMIN 3, VTIME 5: the first byte starts the timer");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_WAIT && r.timer_ds == 0,
	      "VMIN 3, VTIME 5: a wake-up without input keeps the timer");
	type("b");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_WAIT && r.done == 2 &&
	      r.timer_ds == 5, "VMIN 3, VTIME 5: another byte restarts it");
	r.timed_out = 1;
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 2 &&
	      !memcmp(buf, "ab", 2), "VMIN 3, VTIME 5: the timer ends the read short");

	ldisc_init(&l, &ops, NULL, 1);
	set_cc(VMIN, 0, 0);
	set_cc(VTIME, 7, 0);
	r = (struct ldisc_reader){ 0 };
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_WAIT && r.timer_ds == 7,
	      "VMIN 0, VTIME 7: the timer runs for the first byte");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_WAIT && r.timer_ds == 0,
	      "VMIN 0, VTIME 7: and is not restarted");
	r.timed_out = 1;
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 0,
	      "VMIN 0, VTIME 7: no byte in time reads 0");
	r = (struct ldisc_reader){ 0 };
	type("q");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 1,
	      "VMIN 0, VTIME 7: one byte is enough");
}

static void test_hangup(void)
{
	struct ldisc_reader r = { 0 };
	u8 buf[16];

	ldisc_init(&l, &ops, NULL, 0);
	type("ls\rpar");
	ldisc_hangup(&l);
	CHECK(ldisc_receive(&l, (const u8 *)"x\r", 2) == 2, "after hang-up input is taken and dropped");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 3,
	      "hang-up: whole lines are still read");
	r = (struct ldisc_reader){ 0 };
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 3 &&
	      !memcmp(buf, "par", 3), "hang-up: the line being typed is read too");
	for (int i = 0; i < 2; i++) {
		r = (struct ldisc_reader){ 0 };
		CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 0 &&
		      ldisc_readable(&l), "hang-up: then every read is 0 (%d)", i);
	}

	ldisc_init(&l, &ops, NULL, 1);
	set_cc(VMIN, 4, 0);
	type("ab");
	ldisc_hangup(&l);
	r = (struct ldisc_reader){ 0 };
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 2,
	      "hang-up: a VMIN read ends with what there is");
}

static void test_output_limits(void)
{
	u8 out[8];
	size_t consumed, n;

	ldisc_init(&l, &ops, NULL, 0);
	n = ldisc_output(&l, (const u8 *)"ab\ncd", 5, out, 3, &consumed);
	CHECK(n == 2 && consumed == 2 && !memcmp(out, "ab", 2),
	      "ONLCR: a newline that does not fit whole waits");
	n = ldisc_output(&l, (const u8 *)"\ncd", 3, out, 3, &consumed);
	CHECK(n == 3 && consumed == 2 && !memcmp(out, "\r\nc", 3), "and goes out next time");

	/* The column is not advanced by a tab that did not fit. */
	struct termios t = l.termios;
	t.c_oflag |= XTABS;
	ldisc_set_termios(&l, &t);
	n = ldisc_output(&l, (const u8 *)"x\t", 2, out, 4, &consumed);
	CHECK(n == 1 && consumed == 1, "XTABS: a tab that does not fit waits");
	n = ldisc_output(&l, (const u8 *)"\t|", 2, out, 8, &consumed);
	CHECK(n == 7 && consumed == 2 && !memcmp(out, "      |", 7),
	      "XTABS: and then fills to the tab stop from the right column");

	clear_screen();
	type("\x13");
	n = ldisc_output(&l, (const u8 *)"a", 1, out, 8, &consumed);
	CHECK(n == 0 && consumed == 0 && ldisc_output_stopped(&l), "^S stops a program's output");
	type("\x11");
	CHECK(!ldisc_output_stopped(&l), "^Q restarts it");

	ldisc_flow(&l, TCOOFF);
	type("\x11");
	CHECK(ldisc_output_stopped(&l), "TCOOFF is not undone by ^Q");
	type("z");
	CHECK(screen_len == 0, "TCOOFF holds echoes");
	ldisc_flow(&l, TCOON);
	CHECK(!ldisc_output_stopped(&l) && screen_is("z", 1), "TCOON lets them out");
	clear_screen();
	CHECK(ldisc_flow(&l, TCIOFF) == 0 && screen_is("\x13", 1), "TCIOFF sends VSTOP");
	CHECK(ldisc_flow(&l, 9) == -1 && ldisc_flush(&l, 9) == -1, "bad tcflow/tcflush arguments");
}

static void test_flush_and_raw(void)
{
	struct ldisc_reader r = { 0 };
	u8 buf[16];

	ldisc_init(&l, &ops, NULL, 0);
	type("abc\rdef");
	ldisc_flush(&l, TCIFLUSH);
	CHECK(!ldisc_readable(&l) && ldisc_inq(&l) == 0, "TCIFLUSH drops lines and the one being typed");
	type("\x7f");
	clear_screen();
	type("g\r");
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 2 &&
	      !memcmp(buf, "g\n", 2), "after TCIFLUSH a new line reads alone");

	ldisc_init(&l, &ops, NULL, 1);
	clear_screen();
	ldisc_receive(&l, (const u8 *)"\x03\x11\x13\r\x04", 5);
	r = (struct ldisc_reader){ 0 };
	CHECK(ldisc_read(&l, &r, buf, sizeof(buf)) == LDISC_READ_DONE && r.done == 5 &&
	      !memcmp(buf, "\x03\x11\x13\r\x04", 5) && screen_len == 0 && signals_len == 0,
	      "raw start: every byte read as it came, no echo, no signal");
	size_t consumed, n = ldisc_output(&l, (const u8 *)"a\n", 2, buf, sizeof(buf), &consumed);
	CHECK(n == 2 && !memcmp(buf, "a\n", 2), "raw start: output untouched");
}

int main(void)
{
	for (size_t i = 0; i < sizeof(linux_cases) / sizeof(linux_cases[0]); i++)
		replay(&linux_cases[i]);
	test_canonical_read_waits();
	test_vmin_vtime();
	test_hangup();
	test_output_limits();
	test_flush_and_raw();
	return check_done();
}
