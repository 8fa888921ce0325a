/*
 * poll(2) and select(2), with their p- and time64 forms, as Linux has
 * them.  A wait is passes over the caller's files, each asked what it
 * would do now (file_ops.poll); when none is ready the caller sleeps on
 * poll_chan, which whatever changes a file's readiness wakes, until then,
 * its deadline or a signal, and looks at every file again.
 */
#include "fs/file.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/timespec.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "x86/paravirt.h"
#include "x86/patch.h"

#define NS		1000000000ull

/* poll's other bits (i386): files here say POLLIN and POLLOUT, which
 * Linux's files pair with these. */
#define POLLRDNORM	0x040
#define POLLRDBAND	0x080
#define POLLWRNORM	0x100
#define POLLWRBAND	0x200

/* What a ready file means to each of select's sets (Linux's
 * POLLIN_SET etc.). */
#define SELECT_IN	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define SELECT_OUT	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define SELECT_EX	POLLPRI

/* A deadline on clock_ns(): NEVER for none, NOW for a zero timeout (look
 * once, never sleep). */
#define NEVER		(~0ull)
#define NOW		0ull

/* What f would report now; a file without a poll is always ready. */
static unsigned file_events(struct file *f)
{
	unsigned m = f->ops->poll ? f->ops->poll(f) : POLLIN | POLLOUT;

	if (m & POLLIN)
		m |= POLLRDNORM;
	if (m & POLLOUT)
		m |= POLLWRNORM;
	return m;
}

/*
 * Pass after pass until scan(ctx) counts something ready, the deadline
 * passes, or a signal comes: the count, 0, or -EINTR.  A pass that finds
 * nothing ready looks for a signal before the deadline, so a zero timeout
 * with a signal pending is EINTR, as on Linux.  Interrupts stay off
 * from a pass to the sleep after it, so a wake-up from the console's
 * interrupt cannot fall between them and be missed.
 */
static long wait_ready(int (*scan)(void *ctx), void *ctx, u64 deadline)
{
	unsigned long flags = pv_save_fl();
	int timed_out = deadline == NOW, r;
	long n;

	pv_irq_disable();
	for (;;) {
		n = scan(ctx);
		if (!n && signal_pending(current))
			n = -EINTR;
		if (n || timed_out)
			break;
		r = deadline == NEVER ? sleep_on(&poll_chan) : sleep_on_timeout(&poll_chan, deadline);
		timed_out = r == -ETIME;
	}
	pv_restore_fl(flags);
	return n;
}

/* A timeout of sec and nsec from now as a deadline; -EINVAL for a time
 * that is not one.  One too far to reach is none. */
static long deadline_in(s64 sec, s64 nsec, u64 *deadline)
{
	if (sec < 0 || nsec < 0 || nsec >= (s64)NS)
		return -EINVAL;
	if (!sec && !nsec)
		*deadline = NOW;
	else if ((u64)sec >= (NEVER >> 2) / NS)
		*deadline = NEVER;
	else
		*deadline = clock_ns() + (u64)sec * NS + (u64)nsec;
	return 0;
}

/* What is left of a wait that had a deadline, in ns. */
static u64 time_left(u64 deadline)
{
	u64 now = clock_ns();

	return deadline > now ? deadline - now : 0;
}

/* Linux writes back what is left of a timeout (ppoll, pselect6, select),
 * whatever the result, unless the timeout was zero; a fault doing it is
 * not the call's. */
static void put_left_ts(u32 uts, u64 deadline, int wide)
{
	u64 left = time_left(deadline);

	if (deadline == NOW || deadline == NEVER)
		return;
	if (wide) {
		struct timespec64 ts = { (s64)(left / NS), (s64)(left % NS) };

		copy_to_user(uts, &ts, sizeof(ts));
	} else {
		struct timespec32 ts = { (s32)(left / NS), (s32)(left % NS) };

		copy_to_user(uts, &ts, sizeof(ts));
	}
}

/* A timespec's deadline (uts 0: none). */
static long get_deadline_ts(u32 uts, int wide, u64 *deadline)
{
	struct timespec64 ts;
	struct timespec32 ts32;

	*deadline = NEVER;
	if (!uts)
		return 0;
	if (wide) {
		if (copy_from_user(&ts, uts, sizeof(ts)) < 0)
			return -EFAULT;
	} else {
		if (copy_from_user(&ts32, uts, sizeof(ts32)) < 0)
			return -EFAULT;
		ts.sec = ts32.sec;
		ts.nsec = ts32.nsec;
	}
	return deadline_in(ts.sec, ts.nsec, deadline);
}

/*
 * ppoll's and pselect6's mask: it holds for the wait.  A wait a signal
 * ended keeps it until the handler is entered (signal_deliver puts the
 * old one back, and the handler's frame saves that one for sigreturn), so
 * a signal the mask let through is the one that runs; any other result
 * puts the old mask back at once.
 */
static long wait_mask_set(u32 umask, u32 size)
{
	u64 s;

	if (!umask)
		return 0;
	if (size != 8)
		return -EINVAL;
	if (copy_from_user(&s, umask, 8) < 0)
		return -EFAULT;
	current->saved_blocked = current->sig_blocked;
	current->restore_blocked = 1;
	current->sig_blocked = s & ~SIG_UNBLOCKABLE;
	return 0;
}

static long wait_mask_end(long r)
{
	if (current->restore_blocked && r != -EINTR) {
		current->sig_blocked = current->saved_blocked;
		current->restore_blocked = 0;
	}
	return r;
}

/* poll */

struct pollfd {
	s32 fd;
	u16 events, revents;
};

struct poll_set {
	struct pollfd *fds;
	u32 n;
};

static int poll_scan(void *ctx)
{
	struct poll_set *ps = ctx;
	int ready = 0;

	for (u32 i = 0; i < ps->n; i++) {
		struct pollfd *p = &ps->fds[i];
		struct file *f = fd_file(current, p->fd);

		if (p->fd < 0)
			p->revents = 0;
		else if (!f)
			p->revents = POLLNVAL;
		else
			p->revents = (u16)(file_events(f) & (p->events | POLLERR | POLLHUP));
		ready += p->revents != 0;
	}
	return ready;
}

/* Every descriptor's revents go back, whatever the result (as Linux). */
static long do_poll(u32 ufds, u32 nfds, u64 deadline)
{
	struct poll_set ps = { NULL, nfds };
	long r;

	if (nfds > fd_limit(current))
		return -EINVAL;
	if (nfds) {
		if (!(ps.fds = kmalloc(nfds * sizeof(struct pollfd))))
			return -ENOMEM;
		if (copy_from_user(ps.fds, ufds, nfds * sizeof(struct pollfd)) < 0) {
			kfree(ps.fds);
			return -EFAULT;
		}
	}
	r = wait_ready(poll_scan, &ps, deadline);
	if (nfds && copy_to_user(ufds, ps.fds, nfds * sizeof(struct pollfd)) < 0)
		r = -EFAULT;
	kfree(ps.fds);
	return r;
}

/* A finite timeout a signal with no handler interrupted goes on to the
 * same deadline (restart_block), as Linux: poll has no timeout to write
 * what is left back to. */
static long poll_restart(struct restart_block *rb);

static long poll_until(u32 ufds, u32 nfds, u64 deadline)
{
	long r = do_poll(ufds, nfds, deadline);

	if (r != -EINTR || deadline == NEVER || deadline == NOW)
		return r;
	current->restart = (struct restart_block){ poll_restart, deadline, { ufds, nfds } };
	return -ERESTART_RESTARTBLOCK;
}

static long poll_restart(struct restart_block *rb)
{
	return poll_until(rb->arg[0], rb->arg[1], rb->deadline);
}

long sys_poll(u32 ufds, u32 nfds, u32 timeout_ms)
{
	s32 ms = (s32)timeout_ms;
	u64 deadline = ms < 0 ? NEVER : ms == 0 ? NOW : clock_ns() + (u64)ms * 1000000;

	return poll_until(ufds, nfds, deadline);
}

static long ppoll(u32 ufds, u32 nfds, u32 uts, u32 umask, u32 size, int wide)
{
	u64 deadline;
	long r = get_deadline_ts(uts, wide, &deadline);

	if (r < 0)
		return r;
	if ((r = wait_mask_set(umask, size)) < 0)
		return r;
	r = wait_mask_end(do_poll(ufds, nfds, deadline));
	put_left_ts(uts, deadline, wide);
	return r;
}

long sys_ppoll(u32 ufds, u32 nfds, u32 uts, u32 umask, u32 size)
{
	return ppoll(ufds, nfds, uts, umask, size, 0);
}

long sys_ppoll_time64(u32 ufds, u32 nfds, u32 uts, u32 umask, u32 size)
{
	return ppoll(ufds, nfds, uts, umask, size, 1);
}

/* select: fd_sets of 32-bit words, bit n % 32 of word n / 32 for fd n. */

#define SET_WORDS	(MAX_FDS / 32)

struct select_set {
	int n;
	u32 in[SET_WORDS], out[SET_WORDS], ex[SET_WORDS];
	u32 rin[SET_WORDS], rout[SET_WORDS], rex[SET_WORDS];
};

static int is_set(const u32 *set, int fd)
{
	return (set[fd / 32] >> (fd % 32)) & 1;
}

/* Each bit set in a result counts, as select returns it. */
static int select_scan(void *ctx)
{
	struct select_set *s = ctx;
	int ready = 0;

	for (int fd = 0; fd < s->n; fd++) {
		u32 bit = 1u << (fd % 32);
		struct file *f = fd_file(current, fd);
		unsigned m;

		if (!f || (!is_set(s->in, fd) && !is_set(s->out, fd) && !is_set(s->ex, fd)))
			continue;
		m = file_events(f);
		if (is_set(s->in, fd) && (m & SELECT_IN)) {
			s->rin[fd / 32] |= bit;
			ready++;
		}
		if (is_set(s->out, fd) && (m & SELECT_OUT)) {
			s->rout[fd / 32] |= bit;
			ready++;
		}
		if (is_set(s->ex, fd) && (m & SELECT_EX)) {
			s->rex[fd / 32] |= bit;
			ready++;
		}
	}
	return ready;
}

static long get_set(u32 *set, u32 uset, int n)
{
	if (!uset)
		return 0;
	return copy_from_user(set, uset, (u32)(n + 31) / 32 * 4);
}

static long put_set(u32 uset, const u32 *set, int n)
{
	if (!uset)
		return 0;
	return copy_to_user(uset, set, (u32)(n + 31) / 32 * 4);
}

/*
 * Descriptors past the table's end are not looked at (Linux cuts n at its
 * table's size too); one in a set that is not open is EBADF.  The result
 * sets go back only when the call succeeds.
 */
static long do_select(int n, u32 uin, u32 uout, u32 uex, u64 deadline)
{
	struct select_set s = { 0 };
	long r;

	if (n < 0)
		return -EINVAL;
	s.n = n > MAX_FDS ? MAX_FDS : n;
	if (get_set(s.in, uin, s.n) < 0 || get_set(s.out, uout, s.n) < 0 ||
	    get_set(s.ex, uex, s.n) < 0)
		return -EFAULT;
	for (int fd = 0; fd < s.n; fd++)
		if ((is_set(s.in, fd) || is_set(s.out, fd) || is_set(s.ex, fd)) &&
		    !fd_file(current, fd))
			return -EBADF;
	r = wait_ready(select_scan, &s, deadline);
	if (r < 0)
		return r;
	if (put_set(uin, s.rin, s.n) < 0 || put_set(uout, s.rout, s.n) < 0 ||
	    put_set(uex, s.rex, s.n) < 0)
		return -EFAULT;
	return r;
}

/* select's timeval: Linux carries whole seconds of tv_usec over, and
 * writes back what is left. */
long sys__newselect(u32 n, u32 uin, u32 uout, u32 uex, u32 utv)
{
	struct timeval32 tv;
	u64 deadline = NEVER;
	long r;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)) < 0)
			return -EFAULT;
		r = deadline_in((s64)tv.sec + tv.usec / 1000000, (s64)(tv.usec % 1000000) * 1000,
				&deadline);
		if (r < 0)
			return r;
	}
	r = do_select((int)n, uin, uout, uex, deadline);
	if (utv && deadline != NOW && deadline != NEVER) {
		u64 left = time_left(deadline);

		tv.sec = (s32)(left / NS);
		tv.usec = (s32)(left % NS / 1000);
		copy_to_user(utv, &tv, sizeof(tv));
	}
	return r;
}

/* The old select: its five arguments in a block in memory. */
long sys_select(u32 uargs)
{
	u32 a[5];

	if (copy_from_user(a, uargs, sizeof(a)) < 0)
		return -EFAULT;
	return sys__newselect(a[0], a[1], a[2], a[3], a[4]);
}

/* pselect6's sixth argument: the mask's address and its size. */
static long pselect6(u32 n, u32 uin, u32 uout, u32 uex, u32 uts, u32 usig, int wide)
{
	u32 sig[2] = { 0, 0 };
	u64 deadline;
	long r = get_deadline_ts(uts, wide, &deadline);

	if (r < 0)
		return r;
	if (usig && copy_from_user(sig, usig, sizeof(sig)) < 0)
		return -EFAULT;
	if ((r = wait_mask_set(sig[0], sig[1])) < 0)
		return r;
	r = wait_mask_end(do_select((int)n, uin, uout, uex, deadline));
	put_left_ts(uts, deadline, wide);
	return r;
}

long sys_pselect6(u32 n, u32 uin, u32 uout, u32 uex, u32 uts, u32 usig)
{
	return pselect6(n, uin, uout, uex, uts, usig, 0);
}

long sys_pselect6_time64(u32 n, u32 uin, u32 uout, u32 uex, u32 uts, u32 usig)
{
	return pselect6(n, uin, uout, uex, uts, usig, 1);
}
