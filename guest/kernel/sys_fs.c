/*
 * The file system's calls (Linux i386): names and the tree, stat in its
 * i386 layouts, directories, links, modes, the working directory, mount.
 * The reads and writes of open files are sys_file.c's.
 *
 * Paths are copied in whole before anything happens: a kernel page each
 * (the kernel stack is one page too), freed on the way out.
 */
#include "boot/guest.h"
#include "fs/devfs.h"
#include "fs/fs.h"
#include "fs/pipe.h"
#include "fs/procfs.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/syscalls.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "kstring.h"

/* A user path into a fresh kernel page: *out, or -errno. */
static long get_path(u32 upath, char **out)
{
	char *p = kmalloc(PATH_MAX);
	long n;

	if (!p)
		return -ENOMEM;
	if ((n = strncpy_from_user(p, upath, PATH_MAX)) < 0) {
		kfree(p);
		return n;
	}
	*out = p;
	return 0;
}

/* The directory a *at call starts from: NULL for AT_FDCWD (the walk then
 * takes the working directory). */
static long dir_of(int dirfd, struct inode **out)
{
	struct file *f;

	*out = NULL;
	if (dirfd == AT_FDCWD)
		return 0;
	if (!(f = fd_file(current, dirfd)))
		return -EBADF;
	if (!f->inode || !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	*out = f->inode;
	return 0;
}

/* The inode a *at call names: with AT_EMPTY_PATH and "", dirfd's own. */
static long inode_at(int dirfd, u32 upath, u32 flags, struct inode **out)
{
	struct inode *dir;
	char *path;
	long err;

	if ((err = get_path(upath, &path)) < 0)
		return err;
	if (!*path && (flags & AT_EMPTY_PATH)) {
		struct file *f = dirfd == AT_FDCWD ? NULL : fd_file(current, dirfd);

		if (dirfd == AT_FDCWD)
			*out = current->cwd ? current->cwd : vfs_root_inode();
		else if (!f)
			err = -EBADF;
		else if (!f->inode)
			err = -EBADF;
		else
			*out = f->inode;
	} else if (!(err = dir_of(dirfd, &dir))) {
		err = path_walk(dir, path, !(flags & AT_SYMLINK_NOFOLLOW), out);
	}
	kfree(path);
	return err;
}

/* The parent directory and last name of a *at call's path; *path is the
 * kernel copy the caller frees. */
struct where {
	char *path;
	struct inode *dir;
	const char *last;
	u32 len;
	int trailing;
};

static long parent_at(int dirfd, u32 upath, struct where *w)
{
	struct inode *dir;
	long err;

	w->path = NULL;
	if ((err = dir_of(dirfd, &dir)) < 0 || (err = get_path(upath, &w->path)) < 0)
		return err;
	return path_parent(dir, w->path, &w->dir, &w->last, &w->len, &w->trailing);
}

long sys_openat(u32 dirfd, u32 upath, u32 flags, u32 mode)
{
	struct inode *dir;
	struct file *f;
	char *path;
	long err;

	if ((err = dir_of((int)dirfd, &dir)) < 0 || (err = get_path(upath, &path)) < 0)
		return err;
	err = vfs_openat(dir, path, flags & ~O_CLOEXEC, mode, &f);
	kfree(path);
	if (err < 0)
		return err;
	err = fd_install(current, f, 0, (flags & O_CLOEXEC) != 0);
	if (err < 0)
		file_put(f);
	return err;
}

long sys_open(u32 upath, u32 flags, u32 mode)
{
	return sys_openat((u32)AT_FDCWD, upath, flags, mode);
}

long sys_creat(u32 upath, u32 mode)
{
	return sys_open(upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* struct stat64, as i386 Linux lays it out (96 bytes). */
struct stat64 {
	u64 st_dev;
	u32 pad0;
	u32 st_ino32;
	u32 st_mode, st_nlink, st_uid, st_gid;
	u64 st_rdev;
	u32 pad3;
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks;
	u32 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	u64 st_ino;
} __attribute__((packed));
_Static_assert(sizeof(struct stat64) == 96, "i386 struct stat64");

/* What stat, lstat, fstatat and statx name: a path from dirfd, or with
 * AT_EMPTY_PATH and "" the open file dirfd itself (a pipe included). */
static long stat_at(int dirfd, u32 upath, u32 flags, struct kstat *k)
{
	struct inode *i;
	struct file *f;
	char c;
	long err;

	if ((flags & AT_EMPTY_PATH) && dirfd != AT_FDCWD &&
	    !copy_from_user(&c, upath, 1) && !c) {
		if (!(f = fd_file(current, dirfd)))
			return -EBADF;
		return vfs_fstat(f, k);
	}
	if ((err = inode_at(dirfd, upath, flags, &i)) < 0)
		return err;
	vfs_stat(i, k);
	return 0;
}

static long put_stat64(const struct kstat *kp, u32 ubuf)
{
	const struct kstat k = *kp;
	struct stat64 st = { 0 };

	st.st_dev = MKDEV(0u, k.dev);
	st.st_ino32 = st.st_ino = k.ino;
	st.st_mode = k.mode;
	st.st_nlink = k.nlink;
	st.st_uid = k.uid;
	st.st_gid = k.gid;
	st.st_rdev = k.rdev;
	st.st_size = (s64)k.size;
	st.st_blksize = k.blksize;
	st.st_blocks = k.blocks;
	st.st_atime = (u32)k.atime_sec;
	st.st_atime_nsec = k.atime_nsec;
	st.st_mtime = (u32)k.mtime_sec;
	st.st_mtime_nsec = k.mtime_nsec;
	st.st_ctime = (u32)k.ctime_sec;
	st.st_ctime_nsec = k.ctime_nsec;
	return copy_to_user(ubuf, &st, sizeof(st));
}

long sys_fstatat64(u32 dirfd, u32 upath, u32 ubuf, u32 flags)
{
	struct kstat k;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* NO_AUTOMOUNT */))
		return -EINVAL;
	if ((err = stat_at((int)dirfd, upath, flags, &k)) < 0)
		return err;
	return put_stat64(&k, ubuf);
}

long sys_stat64(u32 upath, u32 ubuf)
{
	return sys_fstatat64((u32)AT_FDCWD, upath, ubuf, 0);
}

long sys_lstat64(u32 upath, u32 ubuf)
{
	return sys_fstatat64((u32)AT_FDCWD, upath, ubuf, AT_SYMLINK_NOFOLLOW);
}

long sys_fstat64(u32 fd, u32 ubuf)
{
	struct file *f = fd_file(current, (int)fd);
	struct kstat k;

	if (!f)
		return -EBADF;
	vfs_fstat(f, &k);
	return put_stat64(&k, ubuf);
}

/* struct statx (256 bytes), and the mask of what it reports. */
struct statx_ts {
	s64 tv_sec;
	u32 tv_nsec;
	s32 reserved;
};

struct statx {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, spare0;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 spare2[14];
};
_Static_assert(sizeof(struct statx) == 256, "struct statx");

#define STATX_BASIC_STATS	0x7ff

long sys_statx(u32 dirfd, u32 upath, u32 flags, u32 mask, u32 ubuf)
{
	struct kstat k;
	struct statx st = { 0 };
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 | 0x6000 /* SYNC_TYPE */))
		return -EINVAL;
	if ((err = stat_at((int)dirfd, upath, flags, &k)) < 0)
		return err;
	st.stx_mask = STATX_BASIC_STATS;
	st.stx_blksize = k.blksize;
	st.stx_nlink = k.nlink;
	st.stx_uid = k.uid;
	st.stx_gid = k.gid;
	st.stx_mode = (u16)k.mode;
	st.stx_ino = k.ino;
	st.stx_size = k.size;
	st.stx_blocks = k.blocks;
	st.stx_atime.tv_sec = k.atime_sec;
	st.stx_atime.tv_nsec = k.atime_nsec;
	st.stx_mtime.tv_sec = k.mtime_sec;
	st.stx_mtime.tv_nsec = k.mtime_nsec;
	st.stx_ctime.tv_sec = k.ctime_sec;
	st.stx_ctime.tv_nsec = k.ctime_nsec;
	st.stx_rdev_major = MAJOR(k.rdev);
	st.stx_rdev_minor = MINOR(k.rdev);
	st.stx_dev_minor = k.dev;
	return copy_to_user(ubuf, &st, sizeof(st));
}

/* struct linux_dirent64: records 8-byte aligned. */
struct dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
} __attribute__((packed));

/*
 * getdents64: the position is an index: 0 is ".", 1 "..", then the
 * entries in list order (newest first, as tmpfs lists them).
 */
long sys_getdents64(u32 fd, u32 ubuf, u32 size)
{
	struct file *f = fd_file(current, (int)fd);
	struct inode *dir;
	u32 done = 0;

	if (!f)
		return -EBADF;
	if (!f->inode || !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	if (!user_ok(ubuf, size, 1))
		return -EFAULT;
	dir = f->inode;
	if (f->pos == 0)
		dir_refresh(dir);
	for (;;) {
		const char *name;
		u32 len, ino, mode, idx = (u32)f->pos, reclen;
		struct dirent_k *d = dir->entries;
		struct dirent64 *out;

		if (idx == 0) {
			name = ".";
			len = 1;
			ino = dir->ino;
			mode = S_IFDIR;
		} else if (idx == 1) {
			struct inode *up = path_dotdot(dir);

			name = "..";
			len = 2;
			ino = up->ino;
			mode = S_IFDIR;
		} else {
			for (u32 n = 2; d && n < idx; n++)
				d = d->next;
			if (!d)
				break;
			name = d->name;
			len = d->len;
			ino = d->inode->ino;
			mode = d->inode->mode;
		}
		reclen = (u32)(sizeof(*out) + len + 1 + 7) & ~7u;
		if (done + reclen > size) {
			if (!done)
				return -EINVAL;
			break;
		}
		out = (struct dirent64 *)(ubuf + done);
		memset(out, 0, reclen);
		out->d_ino = ino;
		out->d_off = idx + 1;
		out->d_reclen = (u16)reclen;
		out->d_type = (u8)((mode & S_IFMT) >> 12);
		memcpy(out->d_name, name, len);
		done += reclen;
		f->pos++;
	}
	return (long)done;
}

long sys_mkdirat(u32 dirfd, u32 upath, u32 mode)
{
	struct where w;
	long err = parent_at((int)dirfd, upath, &w);

	if (!err)
		err = vfs_mknod(w.dir, w.last, w.len, S_IFDIR | (mode & 07777 & ~current->umask),
				0, NULL);
	kfree(w.path);
	return err;
}

long sys_mkdir(u32 upath, u32 mode)
{
	return sys_mkdirat((u32)AT_FDCWD, upath, mode);
}

long sys_mknodat(u32 dirfd, u32 upath, u32 mode, u32 dev)
{
	struct where w;
	long err;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	if (!(err = parent_at((int)dirfd, upath, &w)))
		err = w.trailing ? -ENOENT :
		      vfs_mknod(w.dir, w.last, w.len,
				(mode & S_IFMT) | (mode & 07777 & ~current->umask), dev, NULL);
	kfree(w.path);
	return err;
}

long sys_mknod(u32 upath, u32 mode, u32 dev)
{
	return sys_mknodat((u32)AT_FDCWD, upath, mode, dev);
}

long sys_unlinkat(u32 dirfd, u32 upath, u32 flags)
{
	struct where w;
	long err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (!(err = parent_at((int)dirfd, upath, &w))) {
		if (flags & AT_REMOVEDIR) {
			err = vfs_rmdir(w.dir, w.last, w.len);
		} else {
			struct inode *i = dir_lookup(w.dir, w.last, w.len);

			/* "file/": the name is not a directory. */
			err = w.trailing && i && !S_ISDIR(i->mode) ? -ENOTDIR :
			      vfs_unlink(w.dir, w.last, w.len);
		}
	}
	kfree(w.path);
	return err;
}

long sys_unlink(u32 upath)
{
	return sys_unlinkat((u32)AT_FDCWD, upath, 0);
}

long sys_rmdir(u32 upath)
{
	return sys_unlinkat((u32)AT_FDCWD, upath, AT_REMOVEDIR);
}

#define RENAME_NOREPLACE	1

long sys_renameat2(u32 odirfd, u32 oupath, u32 ndirfd, u32 nupath, u32 flags)
{
	struct where o, n = { 0 };
	long err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	err = parent_at((int)odirfd, oupath, &o);
	if (!err)
		err = parent_at((int)ndirfd, nupath, &n);
	if (!err) {
		struct inode *i = dir_lookup(o.dir, o.last, o.len);

		if (i && !S_ISDIR(i->mode) && (o.trailing || n.trailing))
			err = -ENOTDIR;
		else if ((flags & RENAME_NOREPLACE) && dir_lookup(n.dir, n.last, n.len))
			err = -EEXIST;
		else
			err = vfs_rename(o.dir, o.last, o.len, n.dir, n.last, n.len);
	}
	kfree(o.path);
	kfree(n.path);
	return err;
}

long sys_renameat(u32 odirfd, u32 oupath, u32 ndirfd, u32 nupath)
{
	return sys_renameat2(odirfd, oupath, ndirfd, nupath, 0);
}

long sys_rename(u32 oupath, u32 nupath)
{
	return sys_renameat2((u32)AT_FDCWD, oupath, (u32)AT_FDCWD, nupath, 0);
}

long sys_linkat(u32 odirfd, u32 oupath, u32 ndirfd, u32 nupath, u32 flags)
{
	struct inode *target;
	struct where w;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* linkat does not follow a final symlink unless asked. */
	err = inode_at((int)odirfd, oupath,
		       (flags & AT_EMPTY_PATH) | (flags & AT_SYMLINK_FOLLOW ? 0 : AT_SYMLINK_NOFOLLOW),
		       &target);
	if (err < 0)
		return err;
	if (!(err = parent_at((int)ndirfd, nupath, &w)))
		err = w.trailing ? -ENOENT : vfs_link(w.dir, w.last, w.len, target);
	kfree(w.path);
	return err;
}

long sys_link(u32 oupath, u32 nupath)
{
	return sys_linkat((u32)AT_FDCWD, oupath, (u32)AT_FDCWD, nupath, 0);
}

long sys_symlinkat(u32 utarget, u32 dirfd, u32 upath)
{
	struct where w;
	char *target;
	long err;

	if ((err = get_path(utarget, &target)) < 0)
		return err;
	if (!(err = parent_at((int)dirfd, upath, &w)))
		err = w.trailing ? -ENOENT : vfs_symlink(w.dir, w.last, w.len, target);
	kfree(w.path);
	kfree(target);
	return err;
}

long sys_symlink(u32 utarget, u32 upath)
{
	return sys_symlinkat(utarget, (u32)AT_FDCWD, upath);
}

long sys_readlinkat(u32 dirfd, u32 upath, u32 ubuf, u32 size)
{
	struct inode *i;
	long err;

	if ((s32)size <= 0)
		return -EINVAL;
	if ((err = inode_at((int)dirfd, upath, AT_SYMLINK_NOFOLLOW, &i)) < 0)
		return err;
	if (!S_ISLNK(i->mode))
		return -EINVAL;
	if (size > i->size)
		size = (u32)i->size;
	err = copy_to_user(ubuf, i->link, size);
	return err < 0 ? err : (long)size;
}

long sys_readlink(u32 upath, u32 ubuf, u32 size)
{
	return sys_readlinkat((u32)AT_FDCWD, upath, ubuf, size);
}

static void changed(struct inode *i)
{
	fs_now(&i->ctime);
}

long sys_fchmodat(u32 dirfd, u32 upath, u32 mode)
{
	struct inode *i;
	long err = inode_at((int)dirfd, upath, 0, &i);

	if (err < 0)
		return err;
	i->mode = (i->mode & S_IFMT) | (mode & 07777);
	changed(i);
	return 0;
}

long sys_chmod(u32 upath, u32 mode)
{
	return sys_fchmodat((u32)AT_FDCWD, upath, mode);
}

long sys_fchmod(u32 fd, u32 mode)
{
	struct file *f = fd_file(current, (int)fd);

	if (!f)
		return -EBADF;
	if (!f->inode)
		return -EINVAL;
	f->inode->mode = (f->inode->mode & S_IFMT) | (mode & 07777);
	changed(f->inode);
	return 0;
}

/* chown: -1 leaves an id as it is.  As Linux's chown_common, any chown of
 * a non-directory, even by root and even to the same ids, drops set-user-ID,
 * and set-group-ID when group execute makes it one (without group execute
 * it marks mandatory locking and stays). */
static long chown_inode(struct inode *i, u32 uid, u32 gid)
{
	if (uid != 0xffffffffu)
		i->uid = uid;
	if (gid != 0xffffffffu)
		i->gid = gid;
	if (!S_ISDIR(i->mode)) {
		i->mode &= ~(u32)S_ISUID;
		if ((i->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			i->mode &= ~(u32)S_ISGID;
	}
	changed(i);
	return 0;
}

long sys_fchownat(u32 dirfd, u32 upath, u32 uid, u32 gid, u32 flags)
{
	struct inode *i;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = inode_at((int)dirfd, upath, flags, &i)) < 0)
		return err;
	return chown_inode(i, uid, gid);
}

long sys_chown32(u32 upath, u32 uid, u32 gid)
{
	return sys_fchownat((u32)AT_FDCWD, upath, uid, gid, 0);
}

long sys_lchown32(u32 upath, u32 uid, u32 gid)
{
	return sys_fchownat((u32)AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown32(u32 fd, u32 uid, u32 gid)
{
	struct file *f = fd_file(current, (int)fd);

	if (!f)
		return -EBADF;
	return f->inode ? chown_inode(f->inode, uid, gid) : -EINVAL;
}

#define UTIME_NOW	((1l << 30) - 1)
#define UTIME_OMIT	((1l << 30) - 2)

/* One of utimensat's two times: now, left alone, or given. */
static long set_time(struct timespec_k *t, s64 sec, s64 nsec)
{
	if (nsec == UTIME_OMIT)
		return 0;
	if (nsec == UTIME_NOW) {
		fs_now(t);
		return 0;
	}
	if (nsec < 0 || nsec >= 1000000000)
		return -EINVAL;
	t->sec = sec;
	t->nsec = (u32)nsec;
	return 0;
}

/* utimensat with the times as s64 pairs; times NULL is now for both. */
static long utimens(u32 dirfd, u32 upath, const s64 *times, u32 flags)
{
	struct inode *i;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* A NULL path is futimens: the descriptor's own file. */
	if (!upath) {
		struct file *f = fd_file(current, (int)dirfd);

		if (!f)
			return -EBADF;
		if (!(i = f->inode))
			return -EINVAL;
	} else if ((err = inode_at((int)dirfd, upath, flags, &i)) < 0) {
		return err;
	}
	if (!times) {
		fs_now(&i->atime);
		i->mtime = i->atime;
	} else if ((err = set_time(&i->atime, times[0], times[1])) < 0 ||
		   (err = set_time(&i->mtime, times[2], times[3])) < 0) {
		return err;
	}
	changed(i);
	return 0;
}

long sys_utimensat(u32 dirfd, u32 upath, u32 utimes, u32 flags)
{
	s32 t32[4];
	s64 t[4];
	long err;

	if (!utimes)
		return utimens(dirfd, upath, NULL, flags);
	if ((err = copy_from_user(t32, utimes, sizeof(t32))) < 0)
		return err;
	for (int n = 0; n < 4; n++)
		t[n] = t32[n];
	return utimens(dirfd, upath, t, flags);
}

long sys_utimensat_time64(u32 dirfd, u32 upath, u32 utimes, u32 flags)
{
	s64 t[4];
	long err;

	if (!utimes)
		return utimens(dirfd, upath, NULL, flags);
	if ((err = copy_from_user(t, utimes, sizeof(t))) < 0)
		return err;
	return utimens(dirfd, upath, t, flags);
}

long sys_truncate64(u32 upath, u32 lo, u32 hi)
{
	struct inode *i;
	s64 size = (s64)(((u64)hi << 32) | lo);
	long err;

	if (size < 0)
		return -EINVAL;
	if ((err = inode_at(AT_FDCWD, upath, 0, &i)) < 0)
		return err;
	if (S_ISREG(i->mode) && (err = file_size_grow_ok(i, (u64)size)) < 0)
		return err;
	return vfs_truncate(i, (u64)size);
}

/* truncate and ftruncate: a 32-bit length, sign-extended (negative is
 * EINVAL). */
long sys_truncate(u32 upath, u32 len)
{
	return sys_truncate64(upath, len, (s32)len < 0 ? 0xffffffffu : 0);
}

long sys_ftruncate(u32 fd, u32 len)
{
	return sys_ftruncate64(fd, len, (s32)len < 0 ? 0xffffffffu : 0);
}

#define FALLOC_FL_KEEP_SIZE	0x01
#define FALLOC_FL_PUNCH_HOLE	0x02

/* fallocate(fd, mode, offset, len), the 64-bit numbers in two registers
 * each: the modes tmpfs has, with Linux's vfs_fallocate's checks in its
 * order. */
long sys_fallocate(u32 fd, u32 mode, u32 off_lo, u32 off_hi, u32 len_lo, u32 len_hi)
{
	struct file *f = fd_file(current, (int)fd);
	s64 off = (s64)(((u64)off_hi << 32) | off_lo), len = (s64)(((u64)len_hi << 32) | len_lo);
	struct inode *i;
	long err;

	if (!f)
		return -EBADF;
	if (off < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~(u32)(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!(i = f->inode) || S_ISFIFO(i->mode))
		return -ESPIPE;
	if (S_ISDIR(i->mode))
		return -EISDIR;
	if (!S_ISREG(i->mode))
		return -ENODEV;
	if (i->sb && i->sb->ops)
		return -EOPNOTSUPP;	/* procfs's files: no fallocate there */
	if (off + len < off)
		return -EFBIG;
	if (mode & FALLOC_FL_PUNCH_HOLE)
		return ramfs_punch(i, (u64)off, (u64)len);
	if (!(mode & FALLOC_FL_KEEP_SIZE) && (err = file_size_grow_ok(i, (u64)(off + len))) < 0)
		return err;
	return ramfs_allocate(i, (u64)off, (u64)len, mode & FALLOC_FL_KEEP_SIZE);
}

long sys_ftruncate64(u32 fd, u32 lo, u32 hi)
{
	struct file *f = fd_file(current, (int)fd);
	s64 size = (s64)(((u64)hi << 32) | lo);
	long err;

	if (!f)
		return -EBADF;
	if (size < 0 || !f->inode || !S_ISREG(f->inode->mode) ||
	    (f->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	if ((err = file_size_grow_ok(f->inode, (u64)size)) < 0)
		return err;
	return vfs_truncate(f->inode, (u64)size);
}

/* Memory is where the data lives: there is nothing to write back. */
long sys_fsync(u32 fd)
{
	return fd_file(current, (int)fd) ? 0 : -EBADF;
}

long sys_sync(void)
{
	return 0;
}

#define X_OK 1
#define W_OK 2
#define R_OK 4

/* As root: everything may be read and written; executing wants an x bit
 * somewhere (or a directory). */
long sys_faccessat2(u32 dirfd, u32 upath, u32 mode, u32 flags)
{
	struct inode *i;
	long err;

	if (mode & ~7u)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = inode_at((int)dirfd, upath, flags, &i)) < 0)
		return err;
	if ((mode & X_OK) && !S_ISDIR(i->mode) && !(i->mode & 0111))
		return -EACCES;
	return 0;
}

long sys_faccessat(u32 dirfd, u32 upath, u32 mode)
{
	return sys_faccessat2(dirfd, upath, mode, 0);
}

long sys_access(u32 upath, u32 mode)
{
	return sys_faccessat2((u32)AT_FDCWD, upath, mode, 0);
}

long sys_umask(u32 mask)
{
	u32 old = current->umask;

	current->umask = mask & 0777;
	return old;
}

static long set_cwd(struct inode *i)
{
	if (!S_ISDIR(i->mode))
		return -ENOTDIR;
	if (current->cwd)
		inode_put(current->cwd);
	current->cwd = inode_get(i);
	return 0;
}

long sys_chdir(u32 upath)
{
	struct inode *i;
	long err = inode_at(AT_FDCWD, upath, 0, &i);

	return err < 0 ? err : set_cwd(i);
}

long sys_fchdir(u32 fd)
{
	struct file *f = fd_file(current, (int)fd);

	if (!f)
		return -EBADF;
	return f->inode ? set_cwd(f->inode) : -ENOTDIR;
}

/* As Linux's: the path is made in a PATH_MAX buffer, so one longer than
 * that is ENAMETOOLONG whatever the caller's size; one that fits there
 * but not in size is ERANGE (glibc's getcwd(NULL, 0) relies on that
 * order: ERANGE from its PATH_MAX buffer is an assertion failure). */
long sys_getcwd(u32 ubuf, u32 size)
{
	char *buf = kmalloc(PATH_MAX);
	struct inode *cwd = current->cwd ? current->cwd : vfs_root_inode();
	long n;

	if (!buf)
		return -ENOMEM;
	n = vfs_path_of(cwd, buf, PATH_MAX);
	if (n == -ERANGE)
		n = -ENAMETOOLONG;
	else if (n > 0 && (u32)n > size)
		n = -ERANGE;
	if (n > 0 && copy_to_user(ubuf, buf, (u32)n) < 0)
		n = -EFAULT;
	kfree(buf);
	return n;
}

/* mount(2) of the kinds there are: tmpfs, devtmpfs and proc. */
long sys_mount(u32 usource, u32 utarget, u32 utype, u32 flags, u32 udata)
{
	char type[16];
	struct inode *on;
	struct superblock *sb;
	long err;

	if ((err = strncpy_from_user(type, utype, sizeof(type))) < 0)
		return err == -ENAMETOOLONG ? -ENODEV : err;
	if ((err = inode_at(AT_FDCWD, utarget, 0, &on)) < 0)
		return err;
	if (!S_ISDIR(on->mode))
		return -ENOTDIR;
	if (!strcmp(type, "tmpfs"))
		sb = ramfs_new("tmpfs", "tmpfs", 0);
	else if (!strcmp(type, "devtmpfs"))
		sb = devfs_new();
	else if (!strcmp(type, "proc"))
		sb = procfs_new();
	else
		return -ENODEV;
	if (!sb)
		return -ENOMEM;
	return vfs_mount(on, sb);
}

#define MNT_FORCE		1
#define MNT_DETACH		2
#define MNT_EXPIRE		4
#define UMOUNT_NOFOLLOW		8

/*
 * umount2: the file system mounted at target leaves the tree.  Every
 * unmount here is MNT_DETACH's: what is open in it stays usable, and its
 * tree is not freed (nothing counts the holders of its inodes).
 */
long sys_umount2(u32 utarget, u32 flags)
{
	struct inode *i;
	struct superblock *sb, **pp;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((err = inode_at(AT_FDCWD, utarget, flags & UMOUNT_NOFOLLOW ? AT_SYMLINK_NOFOLLOW : 0,
			    &i)) < 0)
		return err;
	sb = i->sb;
	if (!sb || sb->root != i)
		return -EINVAL;		/* not a mount point */
	if (!sb->covered)
		return -EBUSY;		/* the root file system */
	for (pp = &mounts; *pp != sb; pp = &(*pp)->next)
		;
	*pp = sb->next;
	sb->covered->mounted = NULL;
	inode_put(sb->covered);
	sb->covered = NULL;
	return 0;
}

long sys_umount(u32 utarget)
{
	return sys_umount2(utarget, 0);
}

/* struct statfs64, as i386 Linux lays it out (84 bytes). */
struct statfs64 {
	u32 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	u32 f_fsid[2];
	u32 f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed));
_Static_assert(sizeof(struct statfs64) == 84, "i386 struct statfs64");

#define TMPFS_MAGIC		0x01021994u
#define RAMFS_MAGIC		0x858458f6u
#define PROC_SUPER_MAGIC	0x9fa0u
#define ST_VALID		0x20u

/* As Linux fills it: a tmpfs (and devtmpfs) counts its blocks against the
 * memory it may take (here all of it; its budget if it has one); ramfs
 * (the initramfs root) and proc count none, so df leaves them out. */
static long put_statfs64(struct inode *i, u32 size, u32 ubuf)
{
	struct superblock *sb = i->sb;
	struct statfs64 st = { 0 };
	u64 total = sb->bytes_max ? sb->bytes_max : boot_info->mem_size;
	u64 free = (u64)frames_available() * PAGE_SIZE;

	if (size != sizeof(st))
		return -EINVAL;
	st.f_bsize = st.f_frsize = PAGE_SIZE;
	st.f_namelen = NAME_MAX;
	st.f_flags = ST_VALID;
	if (sb->ops) {
		st.f_type = PROC_SUPER_MAGIC;
	} else if (!sb->covered) {
		st.f_type = RAMFS_MAGIC;
	} else {
		st.f_type = TMPFS_MAGIC;
		if (sb->bytes_max && free > sb->bytes_max - sb->bytes_used)
			free = sb->bytes_max - sb->bytes_used;
		st.f_blocks = total / PAGE_SIZE;
		st.f_bfree = st.f_bavail = free / PAGE_SIZE;
		st.f_files = total / PAGE_SIZE / 2;
		st.f_ffree = st.f_files;
	}
	return copy_to_user(ubuf, &st, sizeof(st));
}

long sys_statfs64(u32 upath, u32 size, u32 ubuf)
{
	struct inode *i;
	long err = inode_at(AT_FDCWD, upath, 0, &i);

	return err < 0 ? err : put_statfs64(i, size, ubuf);
}

long sys_fstatfs64(u32 fd, u32 size, u32 ubuf)
{
	struct file *f = fd_file(current, (int)fd);

	if (!f)
		return -EBADF;
	if (!f->inode)
		return -ENOSYS;		/* a pipe: Linux's pipefs, which is not here */
	return put_statfs64(f->inode, size, ubuf);
}

/* The page of ramfs file f at its position, pinned (one user more) while
 * out's write may sleep and the file be cut under it, and *n bytes of it
 * from there (at most *n); NULL for a hole, or a page whose count is full,
 * which the caller reads through its buffer instead. */
static u8 *pin_file_page(struct file *f, u32 *n)
{
	u32 at = (u32)(f->pos % PAGE_SIZE);
	u8 *page;

	if (f->pos >= f->inode->size || !(page = ramfs_page(f->inode, (u32)(f->pos / PAGE_SIZE))) ||
	    !frame_share(__pa(page)))
		return NULL;
	if (*n > PAGE_SIZE - at)
		*n = PAGE_SIZE - at;
	if (*n > f->inode->size - f->pos)
		*n = (u32)(f->inode->size - f->pos);
	return page;
}

/*
 * sendfile64: from a file with a position (Linux: one that can be
 * spliced from; a pipe or a tty is EINVAL) to any writable file.  From
 * ramfs the file's own pages go to the output's write, as Linux splices
 * them (cat to /dev/null copies nothing); otherwise through a kernel page.
 * With an offset the input's own position stays.  A short write or a
 * pending signal ends it with what was moved.
 */
long sys_sendfile64(u32 out_fd, u32 in_fd, u32 uoffset, u32 count)
{
	struct file *in = fd_file(current, (int)in_fd), *out = fd_file(current, (int)out_fd);
	u64 off = 0, saved = 0;
	long done = 0, err = 0;
	char *buf;

	if (!in || !out || (in->flags & O_ACCMODE) == O_WRONLY ||
	    (out->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!in->inode || !S_ISREG(in->inode->mode) || !in->ops->read || !out->ops->write ||
	    (out->flags & O_APPEND))
		return -EINVAL;
	if (uoffset) {
		if (copy_from_user(&off, uoffset, sizeof(off)) < 0)
			return -EFAULT;
		if ((s64)off < 0)
			return -EINVAL;
		saved = in->pos;
		in->pos = off;
	}
	if (!(buf = kmalloc(PAGE_SIZE)))
		return -ENOMEM;
	while ((u32)done < count) {
		u32 n = count - (u32)done < PAGE_SIZE ? count - (u32)done : PAGE_SIZE;
		long r, w;

		if ((err = file_size_limit(out, &n)) < 0)
			break;
		/* Not to itself: the write would copy within the file. */
		u8 *page = in->ops == &ramfs_file_ops && out->inode != in->inode ?
			   pin_file_page(in, &n) : NULL;

		if (page) {
			u32 at = (u32)(in->pos % PAGE_SIZE);

			r = (long)n;
			in->pos += n;	/* as a read moves it */
			w = out->ops->write(out, page + at, n);
			frame_free(__pa(page));
		} else if ((r = in->ops->read(in, buf, n)) <= 0) {
			err = r;
			break;
		} else {
			w = out->ops->write(out, buf, (u32)r);
		}
		if (w < r)
			in->pos -= (u64)(w < 0 ? r : r - w);	/* unsent: not consumed */
		if (w < 0) {
			err = w;
			break;
		}
		done += w;
		if (w < r || signal_pending(current))
			break;
	}
	kfree(buf);
	if (done && in->ops == &ramfs_file_ops)
		fs_now(&in->inode->atime);	/* once, not a page at a time */
	if (uoffset) {
		off = in->pos;
		in->pos = saved;
		if (copy_to_user(uoffset, &off, sizeof(off)) < 0)
			return -EFAULT;
	}
	return done ? done : err;
}

long sys_pipe2(u32 ufds, u32 flags)
{
	struct file *r, *w;
	int fds[2];
	long err;

	if (flags & ~(O_NONBLOCK | O_CLOEXEC))
		return -EINVAL;
	if (!user_ok(ufds, sizeof(fds), 1))
		return -EFAULT;
	if ((err = pipe_create(flags, &r, &w)) < 0)
		return err;
	if ((fds[0] = fd_install(current, r, 0, (flags & O_CLOEXEC) != 0)) < 0) {
		file_put(r);
		file_put(w);
		return -EMFILE;
	}
	if ((fds[1] = fd_install(current, w, 0, (flags & O_CLOEXEC) != 0)) < 0) {
		fd_close(current, fds[0]);
		file_put(w);
		return -EMFILE;
	}
	return copy_to_user(ufds, fds, sizeof(fds));
}

long sys_pipe(u32 ufds)
{
	return sys_pipe2(ufds, 0);
}
