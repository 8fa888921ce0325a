/*
 * Inside the file system (vfs.c, ramfs.c, the system calls in
 * kernel/sys_fs.c): inodes, the tree of names, and the path walk.
 *
 * One tree model serves every file system here: a directory is a list of
 * (name, inode) entries in memory.  The ram file system is nothing more;
 * /dev is a ram file system whose device nodes open registered drivers.
 * Another file system mounted on a directory covers it: the walk steps
 * from the directory to the mounted root, and ".." from that root back.
 *
 * Counting: nlink counts names, refs counts the kernel's holders (open
 * files, working directories).  An inode goes when both are zero, so an
 * unlinked file lives until its last close.  The walk itself holds no
 * references: the kernel is not preempted, and a walk never sleeps.
 */
#ifndef GUEST_FS_H
#define GUEST_FS_H

#include <lguest/types.h>
#include "fs/vfs.h"

#define PATH_MAX	4096
#define NAME_MAX	255
#define MAXSYMLINKS	40

/* Mode bits, as Linux numbers them. */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		04000
#define S_ISGID		02000
#define S_ISVTX		01000
#define S_IXGRP		00010
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

/* The *at calls' dirfd and flags (i386 Linux). */
#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_EACCESS		0x200
#define AT_EMPTY_PATH		0x1000

struct timespec_k {
	s64 sec;
	u32 nsec;
};

struct dirent_k;

struct inode {
	u32 ino, mode, uid, gid, nlink, rdev;
	u64 size;
	struct timespec_k atime, mtime, ctime;
	int refs;
	struct superblock *sb;

	/* Directories: the entries, the parent (directories have one name),
	 * and what is mounted here, if anything. */
	struct dirent_k *entries;
	struct inode *parent;
	struct superblock *mounted;

	/* Regular files: data in pages, found through two levels of 1024
	 * slots (4 GiB); a missing page is a hole that reads as zeros. */
	u8 ***pages;
	/* Symlinks: the target, NUL-terminated. */
	char *link;
	/* FIFOs: the pipe both ends share (pipe.c), made at first open. */
	void *pipe;
	/* A generated file system's own (procfs.c): which process, and which
	 * of its files. */
	int fs_pid;
	const void *fs_entry;
};

struct dirent_k {
	struct dirent_k *next;
	struct inode *inode;
	u32 len;
	char name[];
};

/*
 * A file system whose tree is generated (procfs) rather than stored:
 * refresh brings a directory's entries up to date before the walk looks
 * a name up in it or getdents64 starts listing it, and open makes an open
 * file of one of its regular files.  Names in it cannot be made or
 * removed by programs.
 */
struct fs_ops {
	void (*refresh)(struct inode *dir);
	long (*open)(struct inode *i, u32 flags, struct file **out);
};

/* One mounted file system: its root, where it is mounted, its type name
 * (for /proc/mounts), and its byte budget (tmpfs's size). */
struct superblock {
	const struct fs_ops *ops;	/* NULL: a stored (ram) file system */
	struct inode *root;
	struct inode *covered;		/* NULL for the root file system */
	const char *type, *source;
	u32 dev;
	u64 bytes_used, bytes_max;
	struct superblock *next;	/* the mount list, in mount order */
};

extern struct superblock *mounts;

/* The time stamps' clock: the kernel's time of day (realtime_now, which
 * boot sets).  The unit tests, with none, stamp 0, the epoch. */
extern void (*fs_clock)(struct timespec_k *now);
void fs_now(struct timespec_k *now);
/* kernel/sys_time.c: the time of day. */
void realtime_now(struct timespec_k *now);

/* ramfs.c: the tree of names and the file data. */
struct superblock *ramfs_new(const char *type, const char *source, u64 bytes_max);
/* A new inode with one name-to-be (nlink 0 until linked). */
struct inode *inode_new(struct superblock *sb, u32 mode);
struct inode *dir_lookup(struct inode *dir, const char *name, u32 len);
long dir_link(struct inode *dir, const char *name, u32 len, struct inode *i);
long dir_unlink(struct inode *dir, const char *name, u32 len);
int dir_empty(struct inode *dir);
/* Frees i if nothing names or holds it. */
void inode_maybe_free(struct inode *i);
long ramfs_read(struct inode *i, void *buf, u32 n, u64 off);
long ramfs_write(struct inode *i, const void *buf, u32 n, u64 off);
long ramfs_truncate(struct inode *i, u64 size);
/* fallocate as tmpfs does it: every page of [off, off + len) made (ENOSPC
 * past the file system's budget), and the size grown to its end unless
 * keep_size; only the ctime changes. */
long ramfs_allocate(struct inode *i, u64 off, u64 len, int keep_size);
/* FALLOC_FL_PUNCH_HOLE: [off, off + len) within the size reads as zeros;
 * the size stays. */
long ramfs_punch(struct inode *i, u64 off, u64 len);
/* The page (a frame of its own) holding bytes index * PAGE on of regular
 * file i, or NULL for a hole or a file whose data is not in pages.  A
 * read-only mapping of the file maps it as it is (mm/vm.c). */
u8 *ramfs_page(struct inode *i, u32 index);

/* vfs.c: the walk.  Resolve path from dir (NULL: the working directory);
 * follow says whether a final symlink is followed. */
long path_walk(struct inode *dir, const char *path, int follow, struct inode **out);
/* Everything but the last component: *parent and the name (*last, *len;
 * "." for "/").  *trailing says the path ended in '/'. */
long path_parent(struct inode *dir, const char *path, struct inode **parent,
		 const char **last, u32 *len, int *trailing);
/* The root directory, uncounted; the directory ".." leads to from i. */
struct inode *vfs_root_inode(void);
struct inode *path_dotdot(struct inode *i);
/* The inode a mounted root stands for in its parent's tree, and the
 * reverse. */
struct inode *mount_cross(struct inode *i);

/* The namespace operations, with Linux's checks; results uncounted. */
long vfs_mknod(struct inode *dir, const char *name, u32 len, u32 mode, u32 rdev,
	       struct inode **out);
long vfs_symlink(struct inode *dir, const char *name, u32 len, const char *target);
long vfs_unlink(struct inode *dir, const char *name, u32 len);
long vfs_rmdir(struct inode *dir, const char *name, u32 len);
long vfs_link(struct inode *dir, const char *name, u32 len, struct inode *target);
long vfs_rename(struct inode *odir, const char *oname, u32 olen,
		struct inode *ndir, const char *nname, u32 nlen);
long vfs_truncate(struct inode *i, u64 size);
void vfs_stat(struct inode *i, struct kstat *st);
/* An open file for inode i: ops chosen by its type. */
long vfs_open_inode(struct inode *i, u32 flags, struct file **out);
/* The absolute path of directory d into buf[size]: its length or -errno. */
long vfs_openat(struct inode *dir, const char *path, u32 flags, u32 mode,
		struct file **out);
/* The empty root file system (vfs_init fills it). */
long vfs_make_root(void);
long vfs_path_of(struct inode *d, char *buf, u32 size);
long vfs_mount(struct inode *on, struct superblock *sb);

/* The canonical absolute path of the file path names (every symlink
 * followed, as realpath(3) gives it) into buf[size]: 0 or -errno. */
long vfs_real_path(const char *path, char *buf, u32 size);
/* A path that names inode i (any of its names), into buf[size]: 0, or
 * -ENOENT when no name is found. */
long vfs_name_of(struct inode *i, char *buf, u32 size);
/* Bring dir's entries up to date, if its file system generates them. */
static inline void dir_refresh(struct inode *dir)
{
	if (dir->sb && dir->sb->ops && dir->sb->ops->refresh)
		dir->sb->ops->refresh(dir);
}

/* The open-file ops of each kind. */
extern const struct file_ops ramfs_file_ops, dir_file_ops;

#endif
