/* Open files and file descriptors (file.h). */
#include "fs/file.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "mm/kmalloc.h"
#include "kstring.h"

const char poll_chan;

void poll_wake(void)
{
	wakeup(&poll_chan);
}

struct file *file_alloc(const struct file_ops *ops, u32 flags, void *priv)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->ops = ops;
	f->flags = flags;
	f->priv = priv;
	f->refs = 1;
	return f;
}

struct file *file_get(struct file *f)
{
	f->refs++;
	return f;
}

void file_put(struct file *f)
{
	if (--f->refs > 0)
		return;
	if (f->ops->release)
		f->ops->release(f);
	if (f->inode)
		inode_put(f->inode);
	kfree(f);
}

int fd_install(struct proc *p, struct file *f, int min, int cloexec)
{
	for (int fd = min < 0 ? 0 : min; fd < (int)fd_limit(p); fd++) {
		if (!p->fds[fd]) {
			p->fds[fd] = f;
			fd_set_cloexec(p, fd, cloexec);
			return fd;
		}
	}
	return -EMFILE;
}

struct file *fd_file(struct proc *p, int fd)
{
	return fd >= 0 && fd < MAX_FDS ? p->fds[fd] : NULL;
}

int fd_close(struct proc *p, int fd)
{
	struct file *f = fd_file(p, fd);

	if (!f)
		return -EBADF;
	p->fds[fd] = NULL;
	fd_set_cloexec(p, fd, 0);
	file_put(f);
	return 0;
}

int fd_get_cloexec(struct proc *p, int fd)
{
	return (p->cloexec[fd / 8] >> (fd % 8)) & 1;
}

void fd_set_cloexec(struct proc *p, int fd, int on)
{
	if (on)
		p->cloexec[fd / 8] |= (u8)(1u << (fd % 8));
	else
		p->cloexec[fd / 8] &= (u8)~(1u << (fd % 8));
}

void fd_copy_all(struct proc *child, struct proc *parent)
{
	for (int fd = 0; fd < MAX_FDS; fd++)
		child->fds[fd] = parent->fds[fd] ? file_get(parent->fds[fd]) : NULL;
	memcpy(child->cloexec, parent->cloexec, sizeof(child->cloexec));
}

void fd_close_on_exec(struct proc *p)
{
	for (int fd = 0; fd < MAX_FDS; fd++)
		if (p->fds[fd] && fd_get_cloexec(p, fd))
			fd_close(p, fd);
}

void fd_close_all(struct proc *p)
{
	for (int fd = 0; fd < MAX_FDS; fd++)
		if (p->fds[fd])
			fd_close(p, fd);
}
