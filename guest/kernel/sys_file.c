/*
 * The calls on open files: read and write in their forms, seeking,
 * closing and duplicating descriptors, fcntl and ioctl.  What a read or
 * write does is the file's ops (fs/file.h).
 */
#include "fs/fs.h"
#include "kstring.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "mm/uaccess.h"

static long do_read(struct file *f, u32 buf, u32 len)
{
	if ((f->flags & O_ACCMODE) == O_WRONLY || !f->ops->read)
		return -EBADF;
	return f->ops->read(f, (void *)buf, len);
}

long file_size_limit(const struct file *f, u32 *len)
{
	u64 limit = current->rlim[RLIMIT_FSIZE].cur;
	u64 pos = f->flags & O_APPEND ? f->inode->size : f->pos;

	if (!*len || !f->inode || !S_ISREG(f->inode->mode) || limit == RLIM_INFINITY)
		return 0;
	if (pos >= limit) {
		signal_send(current, SIGXFSZ);
		return -EFBIG;
	}
	if (*len > limit - pos)
		*len = (u32)(limit - pos);
	return 0;
}

long file_size_grow_ok(const struct inode *i, u64 size)
{
	u64 limit = current->rlim[RLIMIT_FSIZE].cur;

	if (size > i->size && limit != RLIM_INFINITY && size > limit) {
		signal_send(current, SIGXFSZ);
		return -EFBIG;
	}
	return 0;
}

static long do_write(struct file *f, u32 buf, u32 len)
{
	long err;

	if ((f->flags & O_ACCMODE) == O_RDONLY || !f->ops->write)
		return -EBADF;
	if ((err = file_size_limit(f, &len)) < 0)
		return err;
	return f->ops->write(f, (const void *)buf, len);
}

long sys_read(u32 fd, u32 buf, u32 len)
{
	struct file *f = fd_file(current, (int)fd);

	if (!user_ok(buf, len, 1))
		return -EFAULT;
	if (!f)
		return -EBADF;
	return do_read(f, buf, len);
}

long sys_write(u32 fd, u32 buf, u32 len)
{
	struct file *f = fd_file(current, (int)fd);

	if (!user_ok(buf, len, 0))
		return -EFAULT;
	if (!f)
		return -EBADF;
	return do_write(f, buf, len);
}

/* Only files with a position have pread/pwrite/lseek: ram files and
 * directories. */
static int seekable(struct file *f)
{
	return f->inode && (S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode));
}

static long pread_pwrite(u32 fd, u32 buf, u32 len, u64 off, int write)
{
	struct file *f = fd_file(current, (int)fd);
	u64 saved;
	long n;

	if (!f)
		return -EBADF;
	if (!user_ok(buf, len, !write))
		return -EFAULT;
	if ((s64)off < 0)
		return -EINVAL;
	if (!seekable(f))
		return -ESPIPE;
	/* The same ops at another position; the file's stays.  Linux's
	 * pwrite ignores O_APPEND's position only when the file has none:
	 * with O_APPEND it appends, which the ops do. */
	saved = f->pos;
	f->pos = off;
	n = write ? do_write(f, buf, len) : do_read(f, buf, len);
	f->pos = saved;
	return n;
}

long sys_pread64(u32 fd, u32 buf, u32 len, u32 lo, u32 hi)
{
	return pread_pwrite(fd, buf, len, ((u64)hi << 32) | lo, 0);
}

long sys_pwrite64(u32 fd, u32 buf, u32 len, u32 lo, u32 hi)
{
	return pread_pwrite(fd, buf, len, ((u64)hi << 32) | lo, 1);
}

/* readv/writev: one buffer after another, stopping at a short one. */
static long vectored(u32 fd, u32 uiov, u32 count, int write)
{
	struct file *f = fd_file(current, (int)fd);
	long total = 0;

	if (!f && fd > 2)
		return -EBADF;
	if (count > 1024)
		return -EINVAL;
	if (!user_ok(uiov, count * 8, 0))
		return -EFAULT;
	for (u32 n = 0; n < count; n++) {
		u32 base = ((u32 *)uiov)[2 * n], len = ((u32 *)uiov)[2 * n + 1];
		long got;

		if ((s32)len < 0)
			return -EINVAL;
		got = write ? sys_write(fd, base, len) : sys_read(fd, base, len);
		if (got < 0)
			return total ? total : got;
		total += got;
		if ((u32)got < len)
			break;
	}
	return total;
}

long sys_readv(u32 fd, u32 uiov, u32 count)
{
	return vectored(fd, uiov, count, 0);
}

long sys_writev(u32 fd, u32 uiov, u32 count)
{
	return vectored(fd, uiov, count, 1);
}

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

static long seek(u32 fd, s64 off, u32 whence, u64 *result)
{
	struct file *f = fd_file(current, (int)fd);
	s64 base;

	if (!f)
		return -EBADF;
	if (!seekable(f))
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (s64)f->pos; break;
	case SEEK_END: base = (s64)f->inode->size; break;
	default: return -EINVAL;
	}
	if (base + off < 0)
		return -EINVAL;
	/* A directory's position is an entry's index: only back to the
	 * start makes sense to rewinddir. */
	f->pos = (u64)(base + off);
	*result = f->pos;
	return 0;
}

long sys_lseek(u32 fd, u32 off, u32 whence)
{
	u64 pos;
	long err = seek(fd, (s32)off, whence, &pos);

	if (err < 0)
		return err;
	return pos > 0x7fffffffu ? -EOVERFLOW : (long)pos;
}

long sys__llseek(u32 fd, u32 hi, u32 lo, u32 uresult, u32 whence)
{
	u64 pos;
	long err = seek(fd, (s64)(((u64)hi << 32) | lo), whence, &pos);

	if (err < 0)
		return err;
	return copy_to_user(uresult, &pos, sizeof(pos));
}

long sys_close(u32 fd)
{
	return fd_close(current, (int)fd);
}

long sys_dup(u32 fd)
{
	struct file *f = fd_file(current, (int)fd);
	int nfd;

	if (!f)
		return -EBADF;
	nfd = fd_install(current, file_get(f), 0, 0);
	if (nfd < 0)
		file_put(f);
	return nfd;
}

long sys_dup3(u32 fd, u32 nfd, u32 flags)
{
	struct file *f = fd_file(current, (int)fd);

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (fd == nfd)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (nfd >= fd_limit(current))
		return -EBADF;
	file_get(f);
	if (current->fds[nfd])
		fd_close(current, (int)nfd);
	return fd_install(current, f, (int)nfd, (flags & O_CLOEXEC) != 0);
}

long sys_dup2(u32 fd, u32 nfd)
{
	if (fd == nfd)
		return fd_file(current, (int)fd) ? (long)fd : -EBADF;
	return sys_dup3(fd, nfd, 0);
}

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_GETLK64	12
#define F_SETLK64	13
#define F_SETLKW64	14
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1
#define F_UNLCK		2

long sys_fcntl64(u32 fd, u32 cmd, u32 arg)
{
	struct file *f = fd_file(current, (int)fd);
	long nfd;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= fd_limit(current))
			return -EINVAL;
		nfd = fd_install(current, file_get(f), (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (nfd < 0)
			file_put(f);
		return nfd;
	case F_GETFD:
		return fd_get_cloexec(current, (int)fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fd_set_cloexec(current, (int)fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) | (arg & (O_APPEND | O_NONBLOCK));
		return 0;
	case F_GETLK:
	case F_GETLK64:
		/* One user, no other lock holder: every lock would be granted.
		 * l_type is the struct's first field (a short). */
		{
			u16 unlocked = F_UNLCK;

			return copy_to_user(arg, &unlocked, sizeof(unlocked));
		}
	case F_SETLK:
	case F_SETLKW:
	case F_SETLK64:
	case F_SETLKW64:
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_ioctl(u32 fd, u32 cmd, u32 arg)
{
	struct file *f = fd_file(current, (int)fd);

	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, arg);
}
