/*
 * Pipes and FIFOs (pipe.h), as Linux behaves: a 64 KiB ring of pages
 * (each made when first written into), reads that take what there is and
 * wait only when there is nothing, writes of up to PIPE_BUF bytes that go
 * in whole or not at all, end of file once no writer is left, and EPIPE
 * with SIGPIPE for a writer with no reader.  Every change wakes the
 * pipe's sleepers and the pollers.
 */
#include "fs/pipe.h"
#include "fs/fs.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "mm/kmalloc.h"
#include "kstring.h"

#define SIGPIPE		13
#define PAGES		(PIPE_SIZE / 4096)

struct pipe {
	u8 *pages[PAGES];
	u32 head, count;	/* the oldest byte's place, and how many */
	int readers, writers;
	/* Opens so far of each end: a FIFO reader waiting for a writer
	 * sees one came even if it has gone again. */
	u32 reader_opens, writer_opens;
	struct inode *fifo;	/* the FIFO's inode, or NULL */
};

static void changed(struct pipe *p)
{
	wakeup(p);
	poll_wake();
}

static int reads(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

static int writes(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

static long pipe_read(struct file *f, void *buf, u32 n)
{
	struct pipe *p = f->priv;
	u32 done = 0;
	long err;

	if (!n)
		return 0;
	while (!p->count) {
		if (!p->writers)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if ((err = sleep_on(p)) < 0)
			return err;
	}
	while (done < n && p->count) {
		u32 at = p->head % 4096, chunk = 4096 - at;

		if (chunk > p->count)
			chunk = p->count;
		if (chunk > n - done)
			chunk = n - done;
		memcpy((u8 *)buf + done, p->pages[p->head / 4096] + at, chunk);
		p->head = (p->head + chunk) % PIPE_SIZE;
		p->count -= chunk;
		done += chunk;
	}
	changed(p);
	return (long)done;
}

/* Copy up to n bytes in: what fits, or less if a page cannot be had. */
static u32 pipe_put(struct pipe *p, const u8 *buf, u32 n)
{
	u32 done = 0;

	while (done < n && p->count < PIPE_SIZE) {
		u32 tail = (p->head + p->count) % PIPE_SIZE;
		u32 at = tail % 4096, chunk = 4096 - at;
		u8 **page = &p->pages[tail / 4096];

		if (!*page && !(*page = kmalloc(4096)))
			break;
		if (chunk > PIPE_SIZE - p->count)
			chunk = PIPE_SIZE - p->count;
		if (chunk > n - done)
			chunk = n - done;
		memcpy(*page + at, buf + done, chunk);
		p->count += chunk;
		done += chunk;
	}
	return done;
}

static long pipe_write(struct file *f, const void *buf, u32 n)
{
	struct pipe *p = f->priv;
	u32 done = 0;
	long err;

	while (done < n) {
		u32 room = PIPE_SIZE - p->count, put;

		if (!p->readers) {
			signal_send(current, SIGPIPE);
			return done ? (long)done : -EPIPE;
		}
		/* Small writes go in whole: wait for room for all of it. */
		if (room && (n > PIPE_BUF || room >= n - done)) {
			put = pipe_put(p, (const u8 *)buf + done, n - done);
			if (!put && !p->count)
				return done ? (long)done : -ENOMEM;
			done += put;
			if (put)
				changed(p);
			if (done == n)
				break;
		}
		if (f->flags & O_NONBLOCK)
			return done ? (long)done : -EAGAIN;
		if ((err = sleep_on(p)) < 0)
			return done ? (long)done : err;
	}
	return (long)done;
}

static unsigned pipe_poll(struct file *f)
{
	struct pipe *p = f->priv;
	unsigned mask = 0;

	if (reads(f)) {
		if (p->count)
			mask |= POLLIN;
		if (!p->writers && p->writer_opens)
			mask |= POLLHUP;
	}
	if (writes(f)) {
		if (p->count < PIPE_SIZE)
			mask |= POLLOUT;
		if (!p->readers)
			mask |= POLLERR;
	}
	return mask;
}

static void pipe_free(struct pipe *p)
{
	for (u32 i = 0; i < PAGES; i++)
		kfree(p->pages[i]);
	if (p->fifo)
		p->fifo->pipe = NULL;
	kfree(p);
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->priv;

	if (reads(f))
		p->readers--;
	if (writes(f))
		p->writers--;
	changed(p);
	if (!p->readers && !p->writers)
		pipe_free(p);
}

static const struct file_ops pipe_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* An open end of p: counts it as a reader, a writer, or both. */
static struct file *pipe_end(struct pipe *p, u32 flags)
{
	struct file *f = file_alloc(&pipe_ops, flags, p);

	if (!f)
		return NULL;
	if (reads(f)) {
		p->readers++;
		p->reader_opens++;
	}
	if (writes(f)) {
		p->writers++;
		p->writer_opens++;
	}
	return f;
}

long pipe_create(u32 flags, struct file **rd, struct file **wr)
{
	struct pipe *p = kzalloc(sizeof(*p));

	if (!p)
		return -ENOMEM;
	flags &= O_NONBLOCK;
	if (!(*rd = pipe_end(p, O_RDONLY | flags))) {
		kfree(p);
		return -ENOMEM;
	}
	if (!(*wr = pipe_end(p, O_WRONLY | flags))) {
		file_put(*rd);
		return -ENOMEM;
	}
	return 0;
}

long fifo_open(struct inode *i, u32 flags, struct file **out)
{
	struct pipe *p = i->pipe;
	struct file *f;
	long err = 0;
	u32 seen;

	if (!p) {
		if (!(p = kzalloc(sizeof(*p))))
			return -ENOMEM;
		p->fifo = i;
		i->pipe = p;
	}
	if ((flags & O_ACCMODE) == O_WRONLY && !p->readers && (flags & O_NONBLOCK)) {
		if (!p->writers)
			pipe_free(p);
		return -ENXIO;
	}
	if (!(f = pipe_end(p, flags & (O_ACCMODE | O_NONBLOCK | O_APPEND)))) {
		if (!p->readers && !p->writers)
			pipe_free(p);
		return -ENOMEM;
	}
	f->inode = inode_get(i);
	changed(p);
	/* A lone reader waits for a writer, a lone writer for a reader. */
	if (!(flags & O_NONBLOCK) && (flags & O_ACCMODE) == O_RDONLY) {
		seen = p->writer_opens;
		while (!p->writers && p->writer_opens == seen && !err)
			err = sleep_on(p);
	} else if ((flags & O_ACCMODE) == O_WRONLY) {
		seen = p->reader_opens;
		while (!p->readers && p->reader_opens == seen && !err)
			err = sleep_on(p);
	}
	if (err) {
		file_put(f);
		return err;
	}
	*out = f;
	return 0;
}
