/*
 * Open files and file descriptors (file.c).
 *
 * A struct file is one open: its position and status flags, shared by
 * every descriptor dup() or fork() made from it, and freed when the last
 * is closed.  What a file is (a ram file, a pipe end, the tty, /dev/null)
 * is its ops; buffers handed to them are user memory the system call has
 * already checked (mm/uaccess.h), or kernel memory.
 */
#ifndef GUEST_FILE_H
#define GUEST_FILE_H

#include <lguest/types.h>

struct file;
struct inode;
struct proc;

/* poll(2)'s bits, as Linux numbers them. */
#define POLLIN		0x001
#define POLLPRI		0x002
#define POLLOUT		0x004
#define POLLERR		0x008
#define POLLHUP		0x010
#define POLLNVAL	0x020

/* open(2)'s flags (i386). */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#define O_LARGEFILE	00100000

struct file_ops {
	/* Each returns bytes moved or -errno; a read of 0 is end of file.  A
	 * file that can block sleeps (sleep_on) unless O_NONBLOCK. */
	long (*read)(struct file *f, void *buf, u32 n);
	long (*write)(struct file *f, const void *buf, u32 n);
	/* Missing: -ENOTTY. */
	long (*ioctl)(struct file *f, u32 cmd, u32 arg);
	/* What poll would report now (POLL* bits).  Missing: always ready. */
	unsigned (*poll)(struct file *f);
	/* The last descriptor is gone. */
	void (*release)(struct file *f);
};

struct file {
	const struct file_ops *ops;
	struct inode *inode;	/* NULL when it has no name; counted */
	u32 flags;		/* O_ACCMODE, O_APPEND, O_NONBLOCK */
	u64 pos;
	int refs;
	void *priv;		/* the ops' own */
};

/* A new open with one reference, or NULL when memory is short. */
struct file *file_alloc(const struct file_ops *ops, u32 flags, void *priv);
struct file *file_get(struct file *f);
void file_put(struct file *f);

/* Descriptors of process p.  fd_install puts f at the lowest free number
 * >= min, taking over the caller's reference; it returns the number or
 * -EMFILE.  fd_file gives the file or NULL for a bad number. */
int fd_install(struct proc *p, struct file *f, int min, int cloexec);
struct file *fd_file(struct proc *p, int fd);
int fd_close(struct proc *p, int fd);
int fd_get_cloexec(struct proc *p, int fd);
void fd_set_cloexec(struct proc *p, int fd, int on);
/* fork: the child gets the parent's descriptors, sharing their files. */
void fd_copy_all(struct proc *child, struct proc *parent);
/* execve: those marked close-on-exec go. */
void fd_close_on_exec(struct proc *p);
/* exit: all go. */
void fd_close_all(struct proc *p);

/*
 * poll(2) and select(2) sleep on one channel: whatever may change what a
 * file's poll reports (data arriving, a reader leaving) calls poll_wake(),
 * and every poller looks again.
 */
extern const char poll_chan;
void poll_wake(void);

#endif
