/*
 * The line discipline, behaving as Linux's n_tty does for what programs
 * use: the same bytes take the same paths (special[] is n_tty's char_map),
 * the same echoes come out, and the same bytes are read.  Linux was the
 * oracle: tests/unit/tty_ldisc_linux.py records what a Linux pty does, and
 * tests/unit/tty_ldisc.c asserts the same of this code.
 *
 * Linux queues echoes as operations and carries them out later; here they
 * are carried out at once into echo[], which goes to the screen at the end
 * of each ldisc_receive() (or when output restarts after ^S).  The order
 * of echoes and output is the same, so the columns are too.
 *
 * Left out: parity and breaks (PARMRK, INPCK, BRKINT: the console has
 * none), IXOFF (no one to throttle), EXTPROC, VDISCARD, delays.
 */
#include "drivers/tty_ldisc.h"
#include "kstring.h"

#define MASK(i)		((i) & (LDISC_BUF_SIZE - 1))
#define IFLAG(l, f)	((l)->termios.c_iflag & (f))
#define OFLAG(l, f)	((l)->termios.c_oflag & (f))
#define LFLAG(l, f)	((l)->termios.c_lflag & (f))
#define CC(l, v)	((l)->termios.c_cc[v])

/* Linux's character classes (lib/ctype.c): ASCII plus Latin-1 letters;
 * only 0-31 and 127 are control characters. */
static int is_cntrl(u8 c)
{
	return c < 32 || c == 127;
}

static int is_upper(u8 c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 192 && c <= 222 && c != 215);
}

static int is_lower(u8 c)
{
	return (c >= 'a' && c <= 'z') || (c >= 223 && c != 247);
}

static int is_alnum(u8 c)
{
	return (c >= '0' && c <= '9') || is_upper(c) || is_lower(c);
}

/* A byte inside a UTF-8 character takes no column of its own. */
static int is_continuation(const struct ldisc *l, u8 c)
{
	return IFLAG(l, IUTF8) && (c & 0xc0) == 0x80;
}

static int is_line_end(const struct ldisc *l, u32 i)
{
	return l->line_end[MASK(i) / 8] & (1u << (MASK(i) % 8));
}

static void set_line_end(struct ldisc *l, u32 i, int on)
{
	if (on)
		l->line_end[MASK(i) / 8] |= 1u << (MASK(i) % 8);
	else
		l->line_end[MASK(i) / 8] &= ~(1u << (MASK(i) % 8));
}

static int is_special(const struct ldisc *l, u8 c)
{
	return l->special[c / 8] & (1u << (c % 8));
}

static void mark_special(struct ldisc *l, u8 c)
{
	l->special[c / 8] |= 1u << (c % 8);
}

/* Which bytes leave the plain queue-and-echo path under this termios.
 * Byte 0 never does: a c_cc of 0 is a disabled character. */
static void compute_special(struct ldisc *l)
{
	memset(l->special, 0, sizeof(l->special));
	if (IFLAG(l, IGNCR | ICRNL))
		mark_special(l, '\r');
	if (IFLAG(l, INLCR))
		mark_special(l, '\n');
	if (LFLAG(l, ICANON)) {
		mark_special(l, CC(l, VERASE));
		mark_special(l, CC(l, VKILL));
		mark_special(l, CC(l, VEOF));
		mark_special(l, '\n');
		mark_special(l, CC(l, VEOL));
		if (LFLAG(l, IEXTEN)) {
			mark_special(l, CC(l, VWERASE));
			mark_special(l, CC(l, VLNEXT));
			mark_special(l, CC(l, VEOL2));
			if (LFLAG(l, ECHO))
				mark_special(l, CC(l, VREPRINT));
		}
	}
	if (IFLAG(l, IXON)) {
		mark_special(l, CC(l, VSTART));
		mark_special(l, CC(l, VSTOP));
	}
	if (LFLAG(l, ISIG)) {
		mark_special(l, CC(l, VINTR));
		mark_special(l, CC(l, VQUIT));
		mark_special(l, CC(l, VSUSP));
	}
	l->special[0] &= ~1u;
}

/* --- Output: OPOST, and the column it leaves the cursor in. --- */

/* Process one byte of output into out[] (8 bytes at most: a tab that
 * became spaces).  Returns how many bytes it became; 0 drops it. */
static u32 opost_char(struct ldisc *l, u8 c, u8 *out)
{
	u32 spaces;

	switch (c) {
	case '\n':
		if (OFLAG(l, ONLRET))
			l->column = 0;
		if (OFLAG(l, ONLCR)) {
			l->canon_column = l->column = 0;
			out[0] = '\r';
			out[1] = '\n';
			return 2;
		}
		l->canon_column = l->column;
		break;
	case '\r':
		if (OFLAG(l, ONOCR) && l->column == 0)
			return 0;
		if (OFLAG(l, OCRNL)) {
			c = '\n';
			if (OFLAG(l, ONLRET))
				l->canon_column = l->column = 0;
			break;
		}
		l->canon_column = l->column = 0;
		break;
	case '\t':
		spaces = 8 - (l->column & 7);
		l->column += spaces;
		if ((l->termios.c_oflag & TABDLY) == XTABS) {
			memset(out, ' ', spaces);
			return spaces;
		}
		break;
	case '\b':
		if (l->column > 0)
			l->column--;
		break;
	default:
		if (!is_cntrl(c)) {
			if (OFLAG(l, OLCUC) && is_lower(c))
				c -= 'a' - 'A';
			if (!is_continuation(l, c))
				l->column++;
		}
		break;
	}
	out[0] = c;
	return 1;
}

size_t ldisc_output(struct ldisc *l, const u8 *in, size_t n, u8 *out, size_t cap,
		    size_t *consumed)
{
	size_t i, done = 0;

	if (l->stopped) {
		*consumed = 0;
		return 0;
	}
	if (!OFLAG(l, OPOST)) {
		done = n < cap ? n : cap;
		memcpy(out, in, done);
		*consumed = done;
		return done;
	}
	for (i = 0; i < n; i++) {
		u32 column = l->column, canon_column = l->canon_column;
		u8 bytes[8];
		u32 k = opost_char(l, in[i], bytes);

		if (k > cap - done) {
			/* It does not fit: as if it had not been seen. */
			l->column = column;
			l->canon_column = canon_column;
			break;
		}
		memcpy(out + done, bytes, k);
		done += k;
	}
	*consumed = i;
	return done;
}

int ldisc_output_stopped(const struct ldisc *l)
{
	return l->stopped;
}

/* --- Echo --- */

static void flush_echo(struct ldisc *l)
{
	if (l->echo_len && !l->stopped) {
		l->ops->echo(l->ctx, l->echo, l->echo_len);
		l->echo_len = 0;
	}
}

static void emit(struct ldisc *l, const u8 *s, u32 n)
{
	if (n > sizeof(l->echo) - l->echo_len)
		flush_echo(l);
	if (n > sizeof(l->echo) - l->echo_len)
		return;		/* stopped, and full: Linux drops echoes too */
	memcpy(l->echo + l->echo_len, s, n);
	l->echo_len += n;
}

/* Echo a byte as it is, through OPOST when that is on.  0xFF goes out
 * untouched: Linux escapes it in its echo queue and never processes it. */
static void echo_raw(struct ldisc *l, u8 c)
{
	u8 out[8];

	if (c == 0xff) {
		l->column++;
		emit(l, &c, 1);
	} else if (OFLAG(l, OPOST)) {
		emit(l, out, opost_char(l, c, out));
	} else {
		emit(l, &c, 1);
	}
}

/* Echo a byte as the user should see it: a control character as ^X
 * under ECHOCTL (but a tab as itself). */
static void echo_char(struct ldisc *l, u8 c)
{
	if (LFLAG(l, ECHOCTL) && is_cntrl(c) && c != '\t') {
		u8 pair[2] = { '^', c ^ 0100 };

		l->column += 2;
		emit(l, pair, 2);
	} else {
		echo_raw(l, c);
	}
}

static void echo_backspace(struct ldisc *l)
{
	echo_raw(l, '\b');
	echo_raw(l, ' ');
	echo_raw(l, '\b');
}

/* ECHOPRT shows erased characters between \ and /. */
static void finish_erasing(struct ldisc *l)
{
	if (l->erasing) {
		echo_raw(l, '/');
		l->erasing = 0;
	}
}

/* The first byte of a line records where on the screen the line began,
 * so erasing a tab knows how wide it was. */
static void note_line_start(struct ldisc *l)
{
	if (l->canon_head == l->head)
		l->canon_column = l->column;
}

/* --- Flow control --- */

static void start_output(struct ldisc *l)
{
	if (!l->stopped || l->tcoff)
		return;
	l->stopped = 0;
	flush_echo(l);
}

/* --- Input --- */

static void put(struct ldisc *l, u8 c)
{
	l->buf[MASK(l->head++)] = c;
}

static void reset_input(struct ldisc *l)
{
	l->head = l->canon_head = l->tail = 0;
	l->erasing = 0;
	l->echo_len = 0;
	memset(l->line_end, 0, sizeof(l->line_end));
}

/* The byte ends a canonical line: readers may take the line now. */
static void end_line(struct ldisc *l, u8 c)
{
	set_line_end(l, l->head, 1);
	put(l, c);
	l->canon_head = l->head;
}

/* An ordinary byte: echo it and queue it. */
static void receive_plain(struct ldisc *l, u8 c)
{
	if (l->stopped && IFLAG(l, IXON) && IFLAG(l, IXANY))
		start_output(l);
	if (LFLAG(l, ECHO)) {
		finish_erasing(l);
		note_line_start(l);
		echo_char(l, c);
	}
	put(l, c);
}

/* Show that ch (count bytes, from h on) was erased: by erasing it from
 * the screen, or by printing it (ECHOPRT), or the erase character
 * (without ECHOE, for one character). */
static void echo_erased(struct ldisc *l, int one, u8 ch, u32 h, u32 count)
{
	if (LFLAG(l, ECHOPRT)) {
		if (!l->erasing) {
			echo_raw(l, '\\');
			l->erasing = 1;
		}
		echo_char(l, ch);
		/* The rest of a UTF-8 character, in no column of its own. */
		while (--count > 0) {
			echo_raw(l, l->buf[MASK(++h)]);
			if (l->column > 0)
				l->column--;
		}
	} else if (one && !LFLAG(l, ECHOE)) {
		echo_char(l, CC(l, VERASE));
	} else if (ch == '\t') {
		/* Back to where the tab began: count the columns since
		 * the previous tab, or since the line began. */
		u32 columns = 0, t = l->head, back;
		int after_tab = 0;

		while (t != l->canon_head) {
			u8 x = l->buf[MASK(--t)];

			if (x == '\t') {
				after_tab = 1;
				break;
			} else if (is_cntrl(x)) {
				if (LFLAG(l, ECHOCTL))
					columns += 2;
			} else if (!is_continuation(l, x)) {
				columns++;
			}
		}
		columns &= 7;
		if (!after_tab)
			columns += l->canon_column;
		for (back = 8 - (columns & 7); back; back--) {
			u8 bs = '\b';

			emit(l, &bs, 1);
			if (l->column > 0)
				l->column--;
		}
	} else {
		/* A ^X took two columns. */
		if (is_cntrl(ch) && LFLAG(l, ECHOCTL))
			echo_backspace(l);
		if (!is_cntrl(ch) || LFLAG(l, ECHOCTL))
			echo_backspace(l);
	}
}

/* Erase one character (VERASE), a word (VWERASE: back over letters,
 * digits and _, and what precedes them) or the line (VKILL). */
static void erase(struct ldisc *l, u8 c)
{
	enum { ERASE, WERASE, KILL } kind;
	int seen_alnums = 0;

	if (l->head == l->canon_head)
		return;
	if (c == CC(l, VERASE)) {
		kind = ERASE;
	} else if (c == CC(l, VWERASE)) {
		kind = WERASE;
	} else {
		if (!LFLAG(l, ECHO)) {
			l->head = l->canon_head;
			return;
		}
		if (!LFLAG(l, ECHOK) || !LFLAG(l, ECHOKE) || !LFLAG(l, ECHOE)) {
			/* Show the kill character instead of wiping the line. */
			l->head = l->canon_head;
			finish_erasing(l);
			echo_char(l, CC(l, VKILL));
			if (LFLAG(l, ECHOK))
				echo_raw(l, '\n');
			return;
		}
		kind = KILL;
	}

	while (l->head != l->canon_head) {
		u32 h = l->head, count;
		u8 ch;

		/* One character: a UTF-8 one may be several bytes, never
		 * erased in part. */
		do
			ch = l->buf[MASK(--h)];
		while (is_continuation(l, ch) && h != l->canon_head);
		if (is_continuation(l, ch))
			break;
		if (kind == WERASE) {
			if (is_alnum(ch) || ch == '_')
				seen_alnums++;
			else if (seen_alnums)
				break;
		}
		count = l->head - h;
		l->head = h;

		if (LFLAG(l, ECHO))
			echo_erased(l, kind == ERASE, ch, h, count);
		if (kind == ERASE)
			break;
	}
	if (l->head == l->canon_head && LFLAG(l, ECHO))
		finish_erasing(l);
}

/* ICANON's characters.  Returns 0 for a byte that is not one of them. */
static int receive_canon(struct ldisc *l, u8 c)
{
	if (c == CC(l, VERASE) || c == CC(l, VKILL) ||
	    (c == CC(l, VWERASE) && LFLAG(l, IEXTEN))) {
		erase(l, c);
		return 1;
	}
	if (c == CC(l, VLNEXT) && LFLAG(l, IEXTEN)) {
		l->lnext = 1;
		if (LFLAG(l, ECHO)) {
			finish_erasing(l);
			if (LFLAG(l, ECHOCTL)) {
				echo_raw(l, '^');
				echo_raw(l, '\b');
			}
		}
		return 1;
	}
	if (c == CC(l, VREPRINT) && LFLAG(l, ECHO) && LFLAG(l, IEXTEN)) {
		finish_erasing(l);
		echo_char(l, c);
		echo_raw(l, '\n');
		for (u32 t = l->canon_head; t != l->head; t++)
			echo_char(l, l->buf[MASK(t)]);
		return 1;
	}
	if (c == '\n') {
		if (LFLAG(l, ECHO | ECHONL))
			echo_raw(l, '\n');
		end_line(l, c);
		return 1;
	}
	if (c == CC(l, VEOF)) {
		/* The line ends with a marker a read leaves out: a 0, as
		 * Linux's. */
		end_line(l, 0);
		return 1;
	}
	if (c == CC(l, VEOL) || (c == CC(l, VEOL2) && LFLAG(l, IEXTEN))) {
		if (LFLAG(l, ECHO)) {
			note_line_start(l);
			echo_char(l, c);
		}
		end_line(l, c);
		return 1;
	}
	return 0;
}

/* VINTR, VQUIT, VSUSP: the signal, then (unless NOFLSH) everything typed
 * and not read is gone, echoes not yet shown with it. */
static void receive_signal(struct ldisc *l, int sig, u8 c)
{
	l->ops->signal(l->ctx, sig);
	if (!LFLAG(l, NOFLSH))
		reset_input(l);
	if (IFLAG(l, IXON))
		start_output(l);
	if (LFLAG(l, ECHO))
		echo_char(l, c);
}

static void receive_special(struct ldisc *l, u8 c)
{
	if (IFLAG(l, IXON)) {
		if (c == CC(l, VSTART)) {
			start_output(l);
			return;
		}
		if (c == CC(l, VSTOP)) {
			l->stopped = 1;
			return;
		}
	}
	if (LFLAG(l, ISIG)) {
		if (c == CC(l, VINTR)) {
			receive_signal(l, LDISC_SIGINT, c);
			return;
		}
		if (c == CC(l, VQUIT)) {
			receive_signal(l, LDISC_SIGQUIT, c);
			return;
		}
		if (c == CC(l, VSUSP)) {
			receive_signal(l, LDISC_SIGTSTP, c);
			return;
		}
	}
	if (l->stopped && IFLAG(l, IXON) && IFLAG(l, IXANY))
		start_output(l);

	if (c == '\r') {
		if (IFLAG(l, IGNCR))
			return;
		if (IFLAG(l, ICRNL))
			c = '\n';
	} else if (c == '\n' && IFLAG(l, INLCR)) {
		c = '\r';
	}
	if (LFLAG(l, ICANON) && receive_canon(l, c))
		return;

	if (LFLAG(l, ECHO)) {
		finish_erasing(l);
		if (c == '\n') {
			echo_raw(l, c);
		} else {
			note_line_start(l);
			echo_char(l, c);
		}
	}
	put(l, c);
}

/* ISTRIP, and IUCLC (an IEXTEN extension in Linux). */
static u8 input_map(const struct ldisc *l, u8 c)
{
	if (IFLAG(l, ISTRIP))
		c &= 0x7f;
	if (IFLAG(l, IUCLC) && LFLAG(l, IEXTEN) && is_upper(c))
		c += 'a' - 'A';
	return c;
}

size_t ldisc_receive(struct ldisc *l, const u8 *buf, size_t n)
{
	size_t i;

	if (l->hung_up)
		return n;
	for (i = 0; i < n; i++) {
		u8 c = input_map(l, buf[i]);

		/* A full queue takes nothing more, unless it is all one
		 * unfinished line: then the line's last byte gives way. */
		if (l->head - l->tail >= LDISC_BUF_SIZE - 1) {
			if (!LFLAG(l, ICANON) || l->canon_head != l->tail)
				break;
			if (l->head - l->tail == LDISC_BUF_SIZE)
				l->head--;
		}
		if (l->lnext) {
			l->lnext = 0;
			receive_plain(l, c);
		} else if (is_special(l, c)) {
			receive_special(l, c);
		} else {
			receive_plain(l, c);
		}
	}
	flush_echo(l);
	return i;
}

/* --- Reading --- */

static void copy_out(const struct ldisc *l, u32 from, u8 *out, size_t n)
{
	size_t first = LDISC_BUF_SIZE - MASK(from);

	if (first > n)
		first = n;
	memcpy(out, l->buf + MASK(from), first);
	memcpy(out + first, l->buf, n - first);
}

/* Take (up to n bytes of) the first line.  Its VEOF marker is left out,
 * and taken with the line's last byte. */
static size_t read_line(struct ldisc *l, u8 *out, size_t n)
{
	u32 end = l->tail;
	size_t length;

	while (!is_line_end(l, end))
		end++;
	length = end - l->tail + (l->buf[MASK(end)] != 0);
	if (n < length) {
		copy_out(l, l->tail, out, n);
		l->tail += n;
		return n;
	}
	copy_out(l, l->tail, out, length);
	set_line_end(l, end, 0);
	l->tail = end + 1;
	return length;
}

static size_t read_bytes(struct ldisc *l, u8 *out, size_t n)
{
	size_t have = l->head - l->tail;

	if (n > have)
		n = have;
	copy_out(l, l->tail, out, n);
	l->tail += n;
	return n;
}

enum ldisc_read_result ldisc_read(struct ldisc *l, struct ldisc_reader *r, u8 *buf, size_t n)
{
	u8 vmin = CC(l, VMIN), vtime = CC(l, VTIME);
	size_t got;

	r->timer_ds = 0;
	if (r->done >= n)
		return LDISC_READ_DONE;
	if (LFLAG(l, ICANON)) {
		if (l->canon_head != l->tail) {
			r->done += read_line(l, buf + r->done, n - r->done);
			return LDISC_READ_DONE;
		}
		return l->hung_up ? LDISC_READ_DONE : LDISC_READ_WAIT;
	}

	got = read_bytes(l, buf + r->done, n - r->done);
	r->done += got;
	if (r->done >= (vmin ? vmin : 1u) || r->done == n || l->hung_up)
		return LDISC_READ_DONE;
	if (vtime == 0)
		/* VMIN 0: a poll.  VMIN > 0: wait for VMIN bytes. */
		return vmin ? LDISC_READ_WAIT : LDISC_READ_DONE;
	if (vmin == 0) {
		/* One timer for the whole read, for the first byte. */
		if (r->timed_out)
			return LDISC_READ_DONE;
		if (!r->timer_started) {
			r->timer_started = 1;
			r->timer_ds = vtime;
		}
		return LDISC_READ_WAIT;
	}
	/* VMIN and VTIME: no limit until the first byte, then the timer
	 * runs anew after each byte that comes. */
	if (got) {
		r->timed_out = 0;
		r->timer_ds = vtime;
		return LDISC_READ_WAIT;
	}
	return r->timed_out ? LDISC_READ_DONE : LDISC_READ_WAIT;
}

int ldisc_readable(const struct ldisc *l)
{
	u32 want = 1;

	if (l->hung_up)
		return 1;
	if (LFLAG(l, ICANON))
		return l->canon_head != l->tail;
	if (!CC(l, VTIME) && CC(l, VMIN))
		want = CC(l, VMIN);
	return l->head - l->tail >= want;
}

size_t ldisc_inq(const struct ldisc *l)
{
	size_t n;

	if (!LFLAG(l, ICANON))
		return l->head - l->tail;
	n = l->canon_head - l->tail;
	for (u32 t = l->tail; t != l->canon_head; t++)
		if (is_line_end(l, t) && l->buf[MASK(t)] == 0)
			n--;
	return n;
}

/* --- Control --- */

static const struct termios default_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {
		[VINTR] = 'C' & 037, [VQUIT] = '\\' & 037, [VERASE] = 0177,
		[VKILL] = 'U' & 037, [VEOF] = 'D' & 037, [VTIME] = 0, [VMIN] = 1,
		[VSTART] = 'Q' & 037, [VSTOP] = 'S' & 037, [VSUSP] = 'Z' & 037,
		[VREPRINT] = 'R' & 037, [VDISCARD] = 'O' & 037,
		[VWERASE] = 'W' & 037, [VLNEXT] = 'V' & 037,
	},
};

void ldisc_init(struct ldisc *l, const struct ldisc_ops *ops, void *ctx, int raw)
{
	memset(l, 0, sizeof(*l));
	l->ops = ops;
	l->ctx = ctx;
	l->termios = default_termios;
	if (raw) {
		l->termios.c_iflag &= ~(ICRNL | IXON);
		l->termios.c_oflag &= ~OPOST;
		l->termios.c_lflag &= ~(ICANON | ECHO | ISIG);
	}
	compute_special(l);
}

void ldisc_set_termios(struct ldisc *l, const struct termios *t)
{
	u32 was = l->termios.c_iflag;
	u32 toggled = (l->termios.c_lflag ^ t->c_lflag) & ICANON;

	l->termios = *t;
	if (toggled) {
		memset(l->line_end, 0, sizeof(l->line_end));
		if (!LFLAG(l, ICANON) || l->head == l->tail) {
			l->canon_head = l->tail;
		} else {
			/* All that was typed is one line now. */
			set_line_end(l, l->head - 1, 1);
			l->canon_head = l->head;
		}
		l->erasing = 0;
		l->lnext = 0;
	}
	compute_special(l);
	if ((was & IXON) && !IFLAG(l, IXON))
		start_output(l);
}

int ldisc_flush(struct ldisc *l, int queue)
{
	switch (queue) {
	case TCIFLUSH:
		reset_input(l);
		return 0;
	case TCOFLUSH:
		l->echo_len = 0;
		return 0;
	case TCIOFLUSH:
		reset_input(l);
		return 0;
	}
	return -1;
}

int ldisc_flow(struct ldisc *l, int action)
{
	u8 c;

	switch (action) {
	case TCOOFF:
		l->tcoff = 1;
		l->stopped = 1;
		return 0;
	case TCOON:
		if (l->tcoff) {
			l->tcoff = 0;
			l->stopped = 0;
			flush_echo(l);
		}
		return 0;
	case TCIOFF:
	case TCION:
		c = CC(l, action == TCIOFF ? VSTOP : VSTART);
		if (c)
			l->ops->echo(l->ctx, &c, 1);
		return 0;
	}
	return -1;
}

void ldisc_hangup(struct ldisc *l)
{
	l->hung_up = 1;
	if (LFLAG(l, ICANON) && l->head != l->canon_head) {
		set_line_end(l, l->head - 1, 1);
		l->canon_head = l->head;
	}
}
