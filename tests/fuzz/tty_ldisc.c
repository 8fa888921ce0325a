/*
 * libFuzzer target for the line discipline: the input picks a termios and
 * then a run of operations (typing, reads of any size with timers running
 * out, output into small buffers, termios changes, flushes, flow control,
 * hang-up).  Nothing may touch memory it should not (ASan watches), and
 * the queue's invariants must hold after every operation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "drivers/tty_ldisc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_echo(void *ctx, const u8 *s, size_t n)
{
	(void)ctx;
	if (n == 0 || n > LDISC_ECHO_SIZE || s == NULL)
		abort();
}

static void on_signal(void *ctx, int sig)
{
	(void)ctx;
	if (sig != LDISC_SIGINT && sig != LDISC_SIGQUIT && sig != LDISC_SIGTSTP)
		abort();
}

static const struct ldisc_ops ops = { on_echo, on_signal };

/* Take the next n bytes of the input, zeros once it ran out. */
static const uint8_t *in;
static size_t in_left;

static u32 take(size_t n)
{
	u32 v = 0;

	for (size_t i = 0; i < n; i++) {
		v = v << 8 | (in_left ? *in : 0);
		if (in_left) {
			in++;
			in_left--;
		}
	}
	return v;
}

static void random_termios(struct ldisc *l)
{
	struct termios t = l->termios;

	t.c_iflag = take(2);
	t.c_oflag = take(2);
	t.c_lflag = take(2);
	/* Mostly the usual characters, sometimes any. */
	for (int i = 0; i < NCCS; i++)
		if (take(1) & 1)
			t.c_cc[i] = take(1) & (i == VMIN || i == VTIME ? 0x7 : 0xff);
	ldisc_set_termios(l, &t);
}

static void check(const struct ldisc *l)
{
	u32 queued = l->head - l->tail;

	if (queued > LDISC_BUF_SIZE || l->echo_len > LDISC_ECHO_SIZE)
		abort();
	if ((l->termios.c_lflag & ICANON) && l->canon_head - l->tail > queued)
		abort();
	if (ldisc_inq(l) > queued)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ldisc l;
	static u8 buf[LDISC_BUF_SIZE + 300], out[64];
	struct ldisc_reader r = { 0 };
	size_t read_size = 0;

	in = data;
	in_left = size;
	ldisc_init(&l, &ops, NULL, take(1) & 1);
	random_termios(&l);
	while (in_left) {
		size_t n, consumed, got;

		switch (take(1) % 8) {
		case 0:
		case 1: {
			/* Typing: sometimes a long run of one byte, to fill the queue. */
			u8 chunk[64];
			n = take(1) % sizeof(chunk);
			for (size_t i = 0; i < n; i++)
				chunk[i] = take(1);
			if (n && (chunk[0] & 0x80)) {
				for (int k = 0; k < 80; k++)
					if (ldisc_receive(&l, chunk, n) > n)
						abort();
			} else if (ldisc_receive(&l, chunk, n) > n) {
				abort();
			}
			break;
		}
		case 2:
		case 3: {
			/* A pass of a read: the same read goes on with the
			 * same size until it is done (or given up). */
			int readable = ldisc_readable(&l);
			size_t before = r.done;
			if (!r.done)
				read_size = take(2) % sizeof(buf);
			r.timed_out = take(1) & 1;
			enum ldisc_read_result res = ldisc_read(&l, &r, buf, read_size);
			if (r.done > read_size || r.done < before)
				abort();
			/* poll's readable means a fresh canonical read is done. */
			if (readable && before == 0 && (l.termios.c_lflag & ICANON) &&
			    read_size && res != LDISC_READ_DONE)
				abort();
			if (res == LDISC_READ_DONE || take(1) & 1)
				r = (struct ldisc_reader){ 0 };
			break;
		}
		case 4:
			n = take(1) % 32;
			got = ldisc_output(&l, data, n < size ? n : size, out, take(1) % sizeof(out),
					   &consumed);
			if (got > sizeof(out) || consumed > n)
				abort();
			break;
		case 5:
			random_termios(&l);
			break;
		case 6:
			ldisc_flush(&l, take(1) % 4);
			ldisc_flow(&l, take(1) % 5);
			break;
		case 7:
			if (take(1) == 0x42)
				ldisc_hangup(&l);
			break;
		}
		check(&l);
	}
	return 0;
}
