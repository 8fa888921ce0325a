/*
 * The terminal's line discipline: what Linux's n_tty does between the
 * keyboard and read(), and between write() and the screen.  Plain C with
 * no hardware and no sleeping: the tty device around it (file operations,
 * waiting, process groups, signal delivery) calls in, and hears back
 * through two callbacks.
 *
 * Input: ldisc_receive() takes the device's bytes, edits lines (ICANON),
 * echoes (ECHO*), raises signals (ISIG) and queues what a read will get.
 * Reading: ldisc_read() is one pass of a read() system call; it says
 * whether the read is done or must wait, and for how long (VMIN/VTIME).
 * Output: ldisc_output() turns a program's bytes into the screen's (OPOST).
 *
 * The caller serializes all calls on one struct ldisc (say, with
 * interrupts off): receive, read and output share the column count.
 */
#ifndef GUEST_TTY_LDISC_H
#define GUEST_TTY_LDISC_H

#include <stddef.h>
#include <lguest/types.h>
#include "termios.h"

/* The input queue's size, Linux's N_TTY_BUF_SIZE: a canonical line holds
 * at most this many bytes, its end included. */
#define LDISC_BUF_SIZE	4096
/* Echoes wait here while output is stopped (^S); more are dropped. */
#define LDISC_ECHO_SIZE	512

/* The signals ISIG raises, by their Linux i386 numbers. */
#define LDISC_SIGINT	2
#define LDISC_SIGQUIT	3
#define LDISC_SIGTSTP	20

struct ldisc_ops {
	/* Bytes to the screen: echoes, already output-processed. */
	void (*echo)(void *ctx, const u8 *s, size_t n);
	/* ISIG: send sig (an LDISC_SIG*) to the foreground
	 * process group. */
	void (*signal)(void *ctx, int sig);
};

struct ldisc {
	struct termios termios;		/* read it freely; set it with ldisc_set_termios() */
	const struct ldisc_ops *ops;
	void *ctx;

	/* The input queue: free-running indices into buf.  [tail, canon_head)
	 * holds whole lines (each ends at a byte whose line_end bit is set),
	 * [canon_head, head) the line being edited.  Without ICANON,
	 * canon_head is unused and all of [tail, head) is readable. */
	u8 buf[LDISC_BUF_SIZE];
	u8 line_end[LDISC_BUF_SIZE / 8];
	u32 head, canon_head, tail;

	/* Which input bytes need more than queueing and echoing, from the
	 * termios: Linux's char_map, so the same bytes take the same path. */
	u8 special[256 / 8];

	/* The screen's column, for erasing tabs: canon_column is where the
	 * line being edited began. */
	u32 column, canon_column;

	u8 echo[LDISC_ECHO_SIZE];
	u32 echo_len;

	u8 lnext;		/* the next byte is literal (VLNEXT came) */
	u8 erasing;		/* inside a \...\/ erase echo (ECHOPRT) */
	u8 stopped;		/* output stopped by VSTOP (IXON) */
	u8 tcoff;		/* output stopped by tcflow(TCOOFF) */
	u8 hung_up;		/* no more input will come: reads end at 0 */
};

/* A fresh terminal with Linux's default termios (stty sane: icrnl ixon
 * opost onlcr isig icanon iexten echo echoe echok echoctl echoke, cs8
 * cread hupcl B38400, ^C ^\ ^? ^U ^D ^Q ^S ^Z ^R ^O ^W ^V, min 1 time 0),
 * or with raw set, the same less ICANON, ECHO, ISIG, ICRNL, IXON and
 * OPOST: every byte passes untouched (for input that is not a person). */
void ldisc_init(struct ldisc *l, const struct ldisc_ops *ops, void *ctx, int raw);

/* Bytes from the device.  Returns how many were taken: fewer than n when
 * the queue is full (the device keeps the rest and offers it again after
 * a read).  A full queue in canonical mode with no whole line in it keeps
 * taking bytes, each replacing the line's last one, so erase and newline
 * still work (Linux does the same).  After ldisc_hangup() bytes are taken
 * and dropped. */
size_t ldisc_receive(struct ldisc *l, const u8 *buf, size_t n);

/* One read() system call, carried out in passes:
 *
 *	struct ldisc_reader r = { 0 };
 *	while (ldisc_read(l, &r, buf, n) == LDISC_READ_WAIT) {
 *		if (r.timer_ds)  start (or restart) a timer of r.timer_ds
 *		                 tenths of a second;
 *		sleep until ldisc_receive() brought input, the timer ran out
 *		(then set r.timed_out = 1), or a signal came;
 *	}
 *	return r.done;                  (0: end of file)
 *
 * With O_NONBLOCK, or when a signal comes, a read that must wait ends
 * with r.done bytes, or -EAGAIN / -EINTR when r.done is 0.  In canonical
 * mode a read returns at most one line (VEOF's line without the VEOF); a
 * VEOF at the start of a line gives one read of 0.  Otherwise
 * VMIN/VTIME decide, as in Linux: the read ends once VMIN bytes came; a
 * VTIME timer runs between bytes (VMIN > 0) or for the first one (VMIN
 * = 0).  After ldisc_hangup() a read returns what is queued, then 0. */
enum ldisc_read_result { LDISC_READ_DONE, LDISC_READ_WAIT };
struct ldisc_reader {
	size_t done;		/* bytes copied into buf so far */
	u32 timer_ds;		/* out: (re)start a timer of this long; 0: keep the one running, if any */
	int timed_out;		/* in: the timer ran out */
	int timer_started;	/* ldisc_read's own: VMIN 0's timer was asked for */
};
enum ldisc_read_result ldisc_read(struct ldisc *l, struct ldisc_reader *r, u8 *buf, size_t n);

/* poll(): a read would not wait (a whole line, VMIN bytes or, with VTIME,
 * one; or a hang-up). */
int ldisc_readable(const struct ldisc *l);
/* FIONREAD: bytes a read could take now (canonical: in whole lines, the
 * VEOF markers not counted). */
size_t ldisc_inq(const struct ldisc *l);

/* A program's output: process in[0..n) (OPOST) into out[0..cap).  Returns
 * the bytes written to out; *consumed says how many of in they came from
 * (0 while output is stopped, and the writer waits; ldisc_output_stopped()
 * says so). */
size_t ldisc_output(struct ldisc *l, const u8 *in, size_t n, u8 *out, size_t cap,
		    size_t *consumed);
int ldisc_output_stopped(const struct ldisc *l);

/* TCSETS.  TCSETSW is the same (output leaves at once here), TCSETSF is
 * ldisc_flush(TCIFLUSH) first.  Turning ICANON on makes what was queued
 * one line; turning it off makes the line being edited readable. */
void ldisc_set_termios(struct ldisc *l, const struct termios *t);
/* TCFLSH: TCIFLUSH drops queued input, TCOFLUSH echoes not yet shown,
 * TCIOFLUSH both.  Returns -1 for another queue. */
int ldisc_flush(struct ldisc *l, int queue);
/* TCXONC: TCOOFF/TCOON stop and restart output; TCIOFF/TCION send the
 * VSTOP/VSTART character to the screen.  Returns -1 for another action. */
int ldisc_flow(struct ldisc *l, int action);

/* The input ended (the console's end-of-input escape): a line being
 * edited becomes readable, reads return 0 once the queue is empty, and
 * poll says readable. */
void ldisc_hangup(struct ldisc *l);

#endif
