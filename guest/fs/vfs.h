/*
 * The file system's face to the rest of the kernel (vfs.c and the file
 * systems behind it).  Paths are walked from the root or from the current
 * process's working directory, as Linux walks them; errors are -errno.
 */
#ifndef GUEST_VFS_H
#define GUEST_VFS_H

#include <lguest/types.h>
#include "fs/file.h"

/* What stat(2) reports, before it is laid out for a program. */
struct kstat {
	u32 dev, ino, mode, nlink, uid, gid, rdev;
	u64 size;
	u32 blksize;
	u64 blocks;
	s64 atime_sec, mtime_sec, ctime_sec;
	u32 atime_nsec, mtime_nsec, ctime_nsec;
};

/* The root file system: a ram file system filled from the initramfs (a
 * cpio newc archive, plain or gzip, possibly several concatenated).  A
 * broken archive stops the boot with a message naming the offset. */
void vfs_init(const void *initrd, u32 size);

/* open(2) from the kernel: path relative to current->cwd; 0 and *out, or
 * -errno. */
long vfs_open(const char *path, u32 flags, u32 mode, struct file **out);
/* Read n bytes at off into kernel memory: bytes read, or -errno. */
long kernel_read(struct file *f, void *buf, u32 n, u64 off);
long vfs_fstat(struct file *f, struct kstat *st);

/* Working directories are inodes, counted. */
struct inode *inode_get(struct inode *i);
void inode_put(struct inode *i);
/* The root directory, counted. */
struct inode *vfs_root(void);

/* A character device in /dev: open() of its node gives a file with fops
 * (after open, if it has one, which may refuse with -errno or set
 * f->priv). */
struct chardev {
	const char *name;		/* under /dev: "null", "hvc0" */
	u32 mode;			/* permission bits */
	u32 major, minor;
	long (*open)(struct file *f);
	const struct file_ops *fops;
};
void devfs_register(const struct chardev *dev);

#endif
