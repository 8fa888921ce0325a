/*
 * The console's tty: the line discipline (tty_ldisc.c) between the virtio
 * console and the programs, and what makes it a terminal to them: its
 * device nodes, termios and window-size ioctls, the session it controls
 * and its foreground process group, which ^C, ^\ and ^Z signal.
 *
 * Three names lead here, as on Linux: /dev/hvc0 (the virtio console's own
 * name: opening it makes it a session leader's controlling terminal),
 * /dev/console (the same device, never a controlling terminal, so init's
 * messages cannot be stopped by job control), and /dev/tty (the opener's
 * controlling terminal, ENXIO when it has none).
 *
 * Input arrives from the console's interrupt.  The lguest command is the
 * only writer of the console's input, and escapes it (include/lguest/
 * console.h): 0xFF 0xFF is a 0xFF, 0xFF 0x00 the end of its input, which
 * hangs the tty up so readers see end of file as they would on a pipe.
 */
#include "boot/guest.h"
#include "drivers/console.h"
#include "drivers/termios.h"
#include "drivers/tty.h"
#include "drivers/tty_ldisc.h"
#include "console_escape.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kstring.h"
#include "mm/uaccess.h"
#include "x86/paravirt.h"
#include "x86/patch.h"

struct tty {
	struct ldisc ld;
	int sid;		/* the session it controls, 0 for none */
	int pgrp;		/* its foreground process group */
	struct winsize ws;
	struct console_unescape unescape;	/* the input's escapes, undone */
};

static struct tty console_tty;

static void tty_echo(void *ctx, const u8 *s, size_t n)
{
	virtio_console_write((const char *)s, n);
}

static void tty_signal(void *ctx, int sig)
{
	struct tty *t = ctx;

	if (t->pgrp > 0)
		signal_pgrp(t->pgrp, sig);
}

static const struct ldisc_ops tty_ldisc_ops = { tty_echo, tty_signal };

/* Bytes from the console, escapes undone (interrupts are off).  Returns
 * how many were taken: the console keeps the rest until a read makes
 * room. */
static u32 tty_receive(const char *s, u32 n)
{
	struct tty *t = &console_tty;
	u32 i;

	for (i = 0; i < n; i++) {
		struct console_unescape before = t->unescape;
		u8 c;

		if (console_unescape_byte(&t->unescape, (u8)s[i], &c) &&
		    !ldisc_receive(&t->ld, &c, 1)) {
			t->unescape = before;	/* offered again after a read */
			break;
		}
		if (t->unescape.ended && !before.ended)
			ldisc_hangup(&t->ld);
		/* lguest stop: the machine's power button, and no daemon
		 * to ask first.  Everything written so far has gone out
		 * (the console's writes are the Host's at once). */
		if (t->unescape.poweroff) {
			printk("lguest stop asked for a power-off: powering off\n");
			power_off(0);
		}
	}
	wakeup(t);
	poll_wake();
	return i;
}

/*
 * Job control: a process of the tty's session that is not in its
 * foreground group may not read it (SIGTTIN stops its group), as Linux's
 * tty_check_change has it; one that ignores or blocks SIGTTIN gets EIO.
 */
static long background_read(struct tty *t)
{
	if (t->sid != current->sid || !t->pgrp || current->pgid == t->pgrp)
		return 0;
	if ((current->sig_blocked & SIGBIT(SIGTTIN)) || signal_ignored(current, SIGTTIN))
		return -EIO;
	signal_pgrp(current->pgid, SIGTTIN);
	return -EINTR;	/* signal_deliver restarts it once continued */
}

/* ldisc_read's passes (tty_ldisc.h), with interrupts off from a pass to
 * the sleep after it, so input arriving between them cannot be missed. */
static long tty_read(struct file *f, void *buf, u32 n)
{
	struct tty *t = &console_tty;
	struct ldisc_reader r = { 0 };
	unsigned long flags;
	u64 timer_end = 0;	/* a VTIME timer's end on clock_ns(), 0: none */
	long err = background_read(t);

	if (err)
		return err;
	flags = pv_save_fl();
	pv_irq_disable();
	while (ldisc_read(&t->ld, &r, buf, n) == LDISC_READ_WAIT) {
		if (r.timer_ds)
			timer_end = clock_ns() + (u64)r.timer_ds * 100000000;
		if (f->flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		err = timer_end ? sleep_on_timeout(t, timer_end) : sleep_on(t);
		if (err == -ETIME) {
			r.timed_out = 1;
			timer_end = 0;
			err = 0;
		}
		if (err)
			break;
	}
	pv_restore_fl(flags);
	/* The console may hold more than the queue had room for. */
	virtio_console_input_ready();
	if (r.done || !err)
		return (long)r.done;
	return err;
}

static long tty_write(struct file *f, const void *buf, u32 n)
{
	struct tty *t = &console_tty;
	const u8 *in = buf;
	u32 left = n;

	while (left) {
		u8 out[512];
		size_t used, len;
		unsigned long flags = pv_save_fl();

		pv_irq_disable();
		len = ldisc_output(&t->ld, in, left, out, sizeof(out), &used);
		pv_restore_fl(flags);
		if (len)
			virtio_console_write((const char *)out, len);
		if (!used) {
			/* Stopped by ^S: wait for ^Q (the receive wakes us). */
			long err = sleep_on(t);

			if (err)
				return n - left ? (long)(n - left) : err;
			continue;
		}
		in += used;
		left -= (u32)used;
	}
	return (long)n;
}

static unsigned tty_poll(struct file *f)
{
	unsigned mask = POLLOUT;

	if (ldisc_readable(&console_tty.ld))
		mask |= POLLIN;
	if (console_tty.ld.hung_up)
		mask |= POLLHUP;
	return mask;
}

static long tty_ioctl(struct file *f, u32 cmd, u32 arg)
{
	struct tty *t = &console_tty;
	struct termios tio;
	int v;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(arg, &t->ld.termios, sizeof(tio));
	case TCSETSF:
	case TCSETSW:
	case TCSETS:
		if (copy_from_user(&tio, arg, sizeof(tio)))
			return -EFAULT;
		if (cmd == TCSETSF)
			ldisc_flush(&t->ld, TCIFLUSH);
		ldisc_set_termios(&t->ld, &tio);
		wakeup(t);
		poll_wake();
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(arg, &t->ws, sizeof(t->ws));
	case TIOCSWINSZ:
		if (copy_from_user(&t->ws, arg, sizeof(t->ws)))
			return -EFAULT;
		if (t->pgrp > 0)
			signal_pgrp(t->pgrp, SIGWINCH);
		return 0;
	case TIOCGPGRP:
		if (t->sid != current->sid)
			return -ENOTTY;
		return copy_to_user(arg, &t->pgrp, sizeof(int));
	case TIOCSPGRP:
		if (t->sid != current->sid)
			return -ENOTTY;
		if (copy_from_user(&v, arg, sizeof(v)))
			return -EFAULT;
		if (v <= 0)
			return -EINVAL;
		if (!pgrp_in_session(v, current->sid))
			return -EPERM;
		t->pgrp = v;
		return 0;
	case TIOCGSID:
		if (t->sid != current->sid)
			return -ENOTTY;
		return copy_to_user(arg, &t->sid, sizeof(int));
	case TIOCSCTTY:
		if (current->pid != current->sid)
			return -EPERM;
		if (t->sid == current->sid)
			return 0;
		if (t->sid && !arg)
			return -EPERM;
		t->sid = current->sid;
		t->pgrp = current->pgid;
		return 0;
	case TIOCNOTTY:
		if (t->sid != current->sid)
			return -ENOTTY;
		if (current->pid == current->sid)
			t->sid = t->pgrp = 0;
		return 0;
	case FIONREAD:
		v = (int)ldisc_inq(&t->ld);
		return copy_to_user(arg, &v, sizeof(v));
	case TCFLSH:
		return ldisc_flush(&t->ld, (int)arg) < 0 ? -EINVAL : 0;
	case TCXONC:
		return ldisc_flow(&t->ld, (int)arg) < 0 ? -EINVAL : 0;
	case TCSBRK:
		return 0;
	case TIOCOUTQ:
		v = 0;
		return copy_to_user(arg, &v, sizeof(v));
	default:
		return -ENOTTY;
	}
}

static const struct file_ops tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};

/* /dev/hvc0: a session leader without a terminal gets this one, as
 * Linux's tty_open does, unless it asked O_NOCTTY. */
static long hvc_open(struct file *f)
{
	struct tty *t = &console_tty;

	if (!(f->flags & O_NOCTTY) && current->pid == current->sid && !t->sid) {
		t->sid = current->sid;
		t->pgrp = current->pgid;
	}
	return 0;
}

/* /dev/tty: the opener's controlling terminal. */
static long ctty_open(struct file *f)
{
	return console_tty.sid && console_tty.sid == current->sid ? 0 : -ENXIO;
}

static const struct chardev tty_devices[] = {
	{ "hvc0", 0620, 229, 0, hvc_open, &tty_fops },
	{ "console", 0600, 5, 1, NULL, &tty_fops },
	{ "tty", 0666, 5, 0, ctty_open, &tty_fops },
};

void tty_init(int raw, u32 cols, u32 rows)
{
	ldisc_init(&console_tty.ld, &tty_ldisc_ops, &console_tty, raw);
	console_tty.ws.ws_col = (u16)cols;
	console_tty.ws.ws_row = (u16)rows;
	for (unsigned i = 0; i < sizeof(tty_devices) / sizeof(*tty_devices); i++)
		devfs_register(&tty_devices[i]);
	virtio_console_set_receiver(tty_receive);
}
