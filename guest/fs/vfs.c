/*
 * The VFS (fs.h, vfs.h): the path walk as Linux does it, mounts, and the
 * namespace operations with Linux's checks and error numbers.  The ram
 * file system below does the storing.
 */
#include "fs/fs.h"
#include "fs/pipe.h"
#include "fs/devfs.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "mm/kmalloc.h"
#include "kstring.h"

struct superblock *mounts;
static struct superblock *root_sb;

struct inode *vfs_root(void)
{
	return inode_get(root_sb->root);
}

/* The file system root a walk starts from, and the working directory. */
struct inode *vfs_root_inode(void)
{
	return root_sb->root;
}

static struct inode *cwd_inode(void)
{
	return current->cwd ? current->cwd : vfs_root_inode();
}

struct inode *mount_cross(struct inode *i)
{
	while (S_ISDIR(i->mode) && i->mounted)
		i = i->mounted->root;
	return i;
}

/* "..": at the root it stays; from a mounted root it leaves the mount
 * first, as Linux does. */
struct inode *path_dotdot(struct inode *i)
{
	while (i != vfs_root_inode() && i->sb->root == i && i->sb->covered)
		i = i->sb->covered;
	return i == vfs_root_inode() ? i : mount_cross(i->parent);
}

static int is_dot(const char *name, u32 len)
{
	return len == 1 && name[0] == '.';
}

static int is_dotdot(const char *name, u32 len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

/*
 * Resolve path[0, plen) from dir.  Every component but the last must be
 * a directory, or a symlink to one (followed, counting toward
 * MAXSYMLINKS across the whole walk); a trailing slash makes the last one
 * such a component too.  Small frame: symlinks recurse.
 */
static long walk(struct inode *dir, const char *path, u32 plen, int follow, int *links,
		 struct inode **out)
{
	const char *end = path + plen;
	struct inode *cur = dir, *next;

	if (!plen)
		return -ENOENT;
	if (*path == '/')
		cur = vfs_root_inode();
	for (;;) {
		const char *name;
		u32 len;

		while (path < end && *path == '/')
			path++;
		if (path == end)
			break;
		for (name = path; path < end && *path != '/'; path++)
			;
		len = (u32)(path - name);
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (!S_ISDIR(cur->mode))
			return -ENOTDIR;
		if (is_dot(name, len))
			next = cur;
		else if (is_dotdot(name, len))
			next = path_dotdot(cur);
		else if (dir_refresh(cur), !(next = dir_lookup(cur, name, len)))
			return -ENOENT;
		else
			next = mount_cross(next);
		if (S_ISLNK(next->mode) && (path < end || follow)) {
			long err;

			if (++*links > MAXSYMLINKS)
				return -ELOOP;
			err = walk(cur, next->link, (u32)strlen(next->link), 1, links, &next);
			if (err)
				return err;
		}
		if (path < end && !S_ISDIR(next->mode))
			return -ENOTDIR;
		cur = next;
	}
	*out = cur;
	return 0;
}

long path_walk(struct inode *dir, const char *path, int follow, struct inode **out)
{
	int links = 0;

	return walk(dir ? dir : cwd_inode(), path, (u32)strlen(path), follow, &links, out);
}

long path_parent(struct inode *dir, const char *path, struct inode **parent,
		 const char **last, u32 *len, int *trailing)
{
	u32 n = (u32)strlen(path), start;
	int links = 0;
	long err;

	if (!n)
		return -ENOENT;
	*trailing = path[n - 1] == '/';
	while (n > 1 && path[n - 1] == '/')
		n--;
	for (start = n; start && path[start - 1] != '/'; start--)
		;
	if (n == 1 && path[0] == '/') {
		/* "/" itself: the root, named "." in itself. */
		*parent = vfs_root_inode();
		*last = ".";
		*len = 1;
		return 0;
	}
	if (n - start > NAME_MAX)
		return -ENAMETOOLONG;
	*last = path + start;
	*len = n - start;
	if (!start) {
		*parent = dir ? dir : cwd_inode();
	} else {
		err = walk(dir ? dir : cwd_inode(), path, start, 1, &links, parent);
		if (err)
			return err;
	}
	if (!S_ISDIR((*parent)->mode))
		return -ENOTDIR;
	dir_refresh(*parent);	/* the caller looks the last name up */
	return 0;
}

/* A generated file system's names are its own: programs make none
 * (Linux: EACCES, as a directory without create) and remove none
 * (EPERM). */
static int generated(struct inode *dir)
{
	return dir->sb && dir->sb->ops;
}

long vfs_mknod(struct inode *dir, const char *name, u32 len, u32 mode, u32 rdev,
	       struct inode **out)
{
	struct inode *i;
	long err;

	if (is_dot(name, len) || is_dotdot(name, len) || dir_lookup(dir, name, len))
		return -EEXIST;
	if (!dir->nlink)
		return -ENOENT;		/* a removed directory takes no names */
	if (generated(dir))
		return -EACCES;
	if (!(i = inode_new(dir->sb, mode)))
		return -ENOMEM;
	i->rdev = rdev;		/* owned by root: the Guest runs as root */
	if ((err = dir_link(dir, name, len, i)) < 0) {
		inode_maybe_free(i);
		return err;
	}
	if (out)
		*out = i;
	return 0;
}

long vfs_symlink(struct inode *dir, const char *name, u32 len, const char *target)
{
	u32 n = (u32)strlen(target);
	char *copy;
	struct inode *i;
	long err;

	if (!n)
		return -ENOENT;
	if (!(copy = kmalloc(n + 1)))
		return -ENOMEM;
	memcpy(copy, target, n + 1);
	if ((err = vfs_mknod(dir, name, len, S_IFLNK | 0777, 0, &i)) < 0) {
		kfree(copy);
		return err;
	}
	i->link = copy;
	i->size = n;
	return 0;
}

long vfs_unlink(struct inode *dir, const char *name, u32 len)
{
	struct inode *i;

	if (is_dot(name, len) || is_dotdot(name, len))
		return -EISDIR;
	if (!(i = dir_lookup(dir, name, len)))
		return -ENOENT;
	if (S_ISDIR(i->mode))
		return -EISDIR;
	if (generated(dir))
		return -EPERM;
	return dir_unlink(dir, name, len);
}

long vfs_rmdir(struct inode *dir, const char *name, u32 len)
{
	struct inode *i;

	if (is_dot(name, len))
		return -EINVAL;
	if (is_dotdot(name, len))
		return -ENOTEMPTY;
	if (!(i = dir_lookup(dir, name, len)))
		return -ENOENT;
	if (!S_ISDIR(i->mode))
		return -ENOTDIR;
	if (i->mounted)
		return -EBUSY;
	if (generated(dir))
		return -EPERM;
	if (!dir_empty(i))
		return -ENOTEMPTY;
	return dir_unlink(dir, name, len);
}

long vfs_link(struct inode *dir, const char *name, u32 len, struct inode *target)
{
	if (S_ISDIR(target->mode))
		return -EPERM;
	if (target->sb != dir->sb)
		return -EXDEV;
	if (is_dot(name, len) || is_dotdot(name, len) || dir_lookup(dir, name, len))
		return -EEXIST;
	if (!dir->nlink)
		return -ENOENT;
	if (generated(dir))
		return -EPERM;
	if (!target->nlink)
		return -ENOENT;		/* Linux refuses to name an unlinked file */
	return dir_link(dir, name, len, target);
}

/* Is d inside the tree under top (or top itself)? */
static int is_under(struct inode *d, struct inode *top)
{
	for (;;) {
		if (d == top)
			return 1;
		if (d->parent == d || !d->parent)
			return 0;
		d = d->parent;
	}
}

long vfs_rename(struct inode *odir, const char *oname, u32 olen,
		struct inode *ndir, const char *nname, u32 nlen)
{
	struct inode *old, *victim;
	long err;

	if (is_dot(oname, olen) || is_dotdot(oname, olen) ||
	    is_dot(nname, nlen) || is_dotdot(nname, nlen))
		return -EBUSY;
	if (!(old = dir_lookup(odir, oname, olen)))
		return -ENOENT;
	if (odir->sb != ndir->sb)
		return -EXDEV;
	if (generated(odir))
		return -EPERM;
	victim = dir_lookup(ndir, nname, nlen);
	if (victim == old)
		return 0;	/* two names of one file: nothing happens */
	if (S_ISDIR(old->mode)) {
		if (old->mounted)
			return -EBUSY;
		if (is_under(ndir, old))
			return -EINVAL;
		if (victim && !S_ISDIR(victim->mode))
			return -ENOTDIR;
		if (victim && !dir_empty(victim))
			return -ENOTEMPTY;
	} else if (victim && S_ISDIR(victim->mode)) {
		return -EISDIR;
	}
	if (victim && victim->mounted)
		return -EBUSY;
	if (!ndir->nlink)
		return -ENOENT;
	/* Linked under the new name before the old goes, so it is never
	 * without one; held meanwhile so neither step frees it. */
	old->refs++;
	if (victim)
		dir_unlink(ndir, nname, nlen);
	err = dir_link(ndir, nname, nlen, old);
	if (!err)
		dir_unlink(odir, oname, olen);
	old->refs--;
	inode_maybe_free(old);
	return err;
}

long vfs_truncate(struct inode *i, u64 size)
{
	if (S_ISDIR(i->mode))
		return -EISDIR;
	if (!S_ISREG(i->mode))
		return -EINVAL;
	if (generated(i))
		return -EACCES;
	return ramfs_truncate(i, size);
}

void vfs_stat(struct inode *i, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = i->sb ? i->sb->dev : 0;
	st->ino = i->ino;
	st->mode = i->mode;
	st->nlink = i->nlink;
	st->uid = i->uid;
	st->gid = i->gid;
	st->rdev = i->rdev;
	st->size = i->size;
	st->blksize = 4096;
	if (S_ISREG(i->mode))
		st->blocks = (i->size + 4095) / 4096 * 8;
	st->atime_sec = i->atime.sec;
	st->atime_nsec = i->atime.nsec;
	st->mtime_sec = i->mtime.sec;
	st->mtime_nsec = i->mtime.nsec;
	st->ctime_sec = i->ctime.sec;
	st->ctime_nsec = i->ctime.nsec;
}

long vfs_fstat(struct file *f, struct kstat *st)
{
	if (f->inode) {
		vfs_stat(f->inode, st);
		return 0;
	}
	/* A pipe from pipe(2), the only open without an inode: a FIFO with
	 * no name, as Linux's pipefs shows it. */
	memset(st, 0, sizeof(*st));
	st->mode = S_IFIFO | 0600;
	st->nlink = 1;
	st->blksize = 4096;
	return 0;
}

/* The name under which dir lists child, by walking dir's entries. */
static struct dirent_k *entry_of(struct inode *dir, struct inode *child)
{
	for (struct dirent_k *d = dir->entries; d; d = d->next)
		if (d->inode == child)
			return d;
	return NULL;
}

long vfs_path_of(struct inode *d, char *buf, u32 size)
{
	u32 at = size;

	if (!d->nlink)
		return -ENOENT;		/* getcwd in a removed directory */
	if (!size)
		return -ERANGE;
	buf[--at] = 0;
	while (d != vfs_root_inode()) {
		struct inode *up;
		struct dirent_k *e;

		while (d->sb->root == d && d->sb->covered)
			d = d->sb->covered;
		if (d == vfs_root_inode())
			break;
		up = d->parent;
		if (!(e = entry_of(up, d)))
			return -ENOENT;
		if (at < e->len + 1)
			return -ERANGE;
		at -= e->len;
		memcpy(buf + at, e->name, e->len);
		buf[--at] = '/';
		d = up;
	}
	if (at == size - 1) {
		if (at < 1)
			return -ERANGE;
		buf[--at] = '/';
	}
	memmove(buf, buf + at, size - at);
	return (long)(size - at);	/* with its NUL, as getcwd counts */
}

/* dir's path joined with name[len] into buf[size]. */
static long join(struct inode *dir, const char *name, u32 len, char *buf, u32 size)
{
	long n = vfs_path_of(dir, buf, size);

	if (n < 0)
		return n;
	n--;			/* vfs_path_of counted the NUL */
	if (buf[n - 1] == '/')
		n--;		/* the root: "/" + name, not "//" + name */
	if ((u32)n + 1 + len + 1 > size)
		return -ENAMETOOLONG;
	buf[n] = '/';
	memcpy(buf + n + 1, name, len);
	buf[n + 1 + len] = 0;
	return 0;
}

/* The directories walk resolve every component but the last to their
 * canonical paths; a last component that is a symlink is followed from
 * its directory, until it is not one. */
long vfs_real_path(const char *path, char *buf, u32 size)
{
	struct inode *dir = NULL, *i;
	const char *last;
	u32 len;
	int trailing, links = 0;
	long err;

	for (;;) {
		if ((err = path_parent(dir, path, &dir, &last, &len, &trailing)) < 0)
			return err;
		if (is_dot(last, len) || is_dotdot(last, len)) {
			if ((err = path_walk(dir, last, 1, &i)) < 0)
				return err;
			err = vfs_path_of(i, buf, size);
			return err < 0 ? err : 0;
		}
		if (!(i = dir_lookup(dir, last, len)))
			return -ENOENT;
		i = mount_cross(i);
		if (!S_ISLNK(i->mode)) {
			if (S_ISDIR(i->mode)) {
				err = vfs_path_of(i, buf, size);
				return err < 0 ? err : 0;
			}
			return join(dir, last, len, buf, size);
		}
		if (++links > MAXSYMLINKS)
			return -ELOOP;
		path = i->link;
	}
}

/* Depth-first through one file system's tree from dir; the depth is
 * bounded, the kernel stack being small. */
static struct inode *find_name(struct inode *dir, struct inode *i, int depth,
			       struct dirent_k **found)
{
	for (struct dirent_k *d = dir->entries; d; d = d->next) {
		if (d->inode == i) {
			*found = d;
			return dir;
		}
		if (S_ISDIR(d->inode->mode) && depth < 16) {
			struct inode *in = find_name(d->inode, i, depth + 1, found);

			if (in)
				return in;
		}
	}
	return NULL;
}

/* A name is looked for in i's own file system only, from its root, whose
 * path vfs_path_of knows even when another mount covers it. */
long vfs_name_of(struct inode *i, char *buf, u32 size)
{
	struct dirent_k *d;
	struct inode *dir;
	long err;

	if (S_ISDIR(i->mode)) {
		err = vfs_path_of(i, buf, size);
		return err < 0 ? err : 0;
	}
	if (!i->nlink || !i->sb || generated(i) || !(dir = find_name(i->sb->root, i, 0, &d)))
		return -ENOENT;
	return join(dir, d->name, d->len, buf, size);
}

long vfs_mount(struct inode *on, struct superblock *sb)
{
	if (!S_ISDIR(on->mode))
		return -ENOTDIR;
	/* Stacking: the new one goes on top of what is there. */
	on = mount_cross(on);
	sb->covered = on;
	sb->root->parent = on->parent;
	on->mounted = sb;
	on->refs++;
	struct superblock **pp = &mounts;
	while (*pp)
		pp = &(*pp)->next;
	*pp = sb;
	return 0;
}

/* Regular files: the position moves with each read and write, and
 * O_APPEND writes at the end whatever the position. */
static long file_read(struct file *f, void *buf, u32 n)
{
	long got = ramfs_read(f->inode, buf, n, f->pos);

	if (got > 0)
		f->pos += (u64)got;
	return got;
}

static long file_write(struct file *f, const void *buf, u32 n)
{
	long put;

	if (f->flags & O_APPEND)
		f->pos = f->inode->size;
	put = ramfs_write(f->inode, buf, n, f->pos);
	if (put > 0)
		f->pos += (u64)put;
	return put;
}

const struct file_ops ramfs_file_ops = {
	.read = file_read,
	.write = file_write,
};

static long dir_read(struct file *f, void *buf, u32 n)
{
	return -EISDIR;
}

const struct file_ops dir_file_ops = {
	.read = dir_read,
};

long vfs_open_inode(struct inode *i, u32 flags, struct file **out)
{
	const struct file_ops *ops;
	struct file *f;
	long err;

	if (S_ISDIR(i->mode))
		ops = &dir_file_ops;
	else if (S_ISREG(i->mode) && generated(i))
		return i->sb->ops->open(i, flags, out);
	else if (S_ISREG(i->mode) || S_ISLNK(i->mode))
		ops = &ramfs_file_ops;
	else if (S_ISCHR(i->mode))
		return devfs_open(i, flags, out);
	else if (S_ISFIFO(i->mode))
		return fifo_open(i, flags, out);
	else
		return -ENXIO;
	if (!(f = file_alloc(ops, flags, NULL)))
		return -ENOMEM;
	f->inode = inode_get(i);
	if ((flags & O_TRUNC) && S_ISREG(i->mode) && (flags & O_ACCMODE) != O_RDONLY &&
	    (err = ramfs_truncate(i, 0)) < 0) {
		file_put(f);
		return err;
	}
	*out = f;
	return 0;
}

/*
 * open(2) from a kernel path (vfs.h); the system calls' openat goes
 * through it too, with its directory.  O_CREAT through a symlink whose
 * target is missing makes the target, as Linux does: links counts those.
 */
static long open_at(struct inode *dir, const char *path, u32 flags, u32 mode, int links,
		    struct file **out)
{
	struct inode *i, *parent;
	const char *last;
	u32 len;
	int trailing, follow = !(flags & O_NOFOLLOW);
	long err;

	if (flags & O_CREAT) {
		if ((err = path_parent(dir, path, &parent, &last, &len, &trailing)) < 0)
			return err;
		if (is_dot(last, len) || is_dotdot(last, len) || trailing)
			return -EISDIR;
		i = dir_lookup(parent, last, len);
		if (i && (flags & O_EXCL))
			return -EEXIST;
		if (!i) {
			err = vfs_mknod(parent, last, len,
					S_IFREG | (mode & 07777 & ~current->umask), 0, &i);
			if (err < 0)
				return err;
			return vfs_open_inode(i, flags & ~O_TRUNC, out);
		}
		i = mount_cross(i);
		if (S_ISLNK(i->mode) && follow) {
			if (++links > MAXSYMLINKS)
				return -ELOOP;
			return open_at(parent, i->link, flags, mode, links, out);
		}
	} else if ((err = path_walk(dir, path, follow, &i)) < 0) {
		return err;
	}
	if (S_ISLNK(i->mode))
		return -ELOOP;	/* O_NOFOLLOW on a symlink */
	if ((flags & O_DIRECTORY) && !S_ISDIR(i->mode))
		return -ENOTDIR;
	if (S_ISDIR(i->mode) && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT)))
		return -EISDIR;
	return vfs_open_inode(i, flags, out);
}

long vfs_openat(struct inode *dir, const char *path, u32 flags, u32 mode, struct file **out)
{
	return open_at(dir, path, flags, mode, 0, out);
}

long vfs_open(const char *path, u32 flags, u32 mode, struct file **out)
{
	return vfs_openat(NULL, path, flags, mode, out);
}

long kernel_read(struct file *f, void *buf, u32 n, u64 off)
{
	if (!f->inode || !S_ISREG(f->inode->mode))
		return -EINVAL;
	return ramfs_read(f->inode, buf, n, off);
}

/* The root file system, empty: vfs_init() fills it from the initramfs. */
long vfs_make_root(void)
{
	if (!(root_sb = ramfs_new("rootfs", "rootfs", 0)))
		return -ENOMEM;
	mounts = root_sb;
	root_sb->root->refs++;
	return 0;
}
