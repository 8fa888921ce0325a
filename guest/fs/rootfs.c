/*
 * The root file system from the initramfs (vfs.h's vfs_init), as Linux's
 * init/initramfs.c makes it: each cpio entry becomes a directory, file,
 * symlink or node with the archive's mode, owner and mtime; an existing
 * name of another kind is replaced; hard links are found by (dev, ino)
 * within one archive; entries whose directory is missing are skipped, as
 * Linux skips them; directories get their mtimes last, since filling them
 * changes them.  A broken archive stops the boot: nothing half-unpacked
 * runs.
 */
#include "drivers/console.h"
#include "fs/devfs.h"
#include "fs/fs.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"
#include "initramfs.h"
#include "kstring.h"

/* A name seen with nlink >= 2, for the next entry with its number. */
struct hardlink {
	struct hardlink *next;
	u32 dev_major, dev_minor, ino;
	struct inode *inode;
};

/* A directory's mtime, set once everything is unpacked. */
struct dir_time {
	struct dir_time *next;
	struct inode *inode;
	s64 mtime;
};

struct unpack {
	struct cpio_entry e;
	struct inode *file;	/* the regular file being filled, or NULL */
	u64 off;
	char *link;		/* a symlink's target being collected */
	u32 link_len;
	char *name;		/* the entry's name, for end() */
	struct hardlink *links;
	struct dir_time *dirs;
};

static void forget_links(struct unpack *u)
{
	while (u->links) {
		struct hardlink *h = u->links;

		u->links = h->next;
		inode_put(h->inode);
		kfree(h);
	}
}

static void set_attrs(struct inode *i, const struct cpio_entry *e)
{
	i->mode = (i->mode & S_IFMT) | (e->mode & 07777);
	i->uid = e->uid;
	i->gid = e->gid;
	i->mtime.sec = e->mtime;
	i->mtime.nsec = 0;
}

/* The parent directory and last name of an archive path, or NULL when
 * the parent is missing.  A path of "." (or "") is the root itself:
 * *len is 0. */
static struct inode *parent_of(const char *name, const char **last, u32 *len)
{
	struct inode *dir;
	int trailing;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	if (!*name || !strcmp(name, ".")) {
		*len = 0;
		return vfs_root_inode();
	}
	if (path_parent(vfs_root_inode(), name, &dir, last, len, &trailing) < 0)
		return NULL;
	return dir;
}

/* Make room for a new entry: an existing name of another kind (or any
 * non-directory) goes, as Linux's clean_path() does. */
static void clear_name(struct inode *dir, const char *last, u32 len, u32 mode)
{
	struct inode *old = dir_lookup(dir, last, len);

	if (!old)
		return;
	if (S_ISDIR(old->mode)) {
		if (!S_ISDIR(mode))
			vfs_rmdir(dir, last, len);
	} else {
		vfs_unlink(dir, last, len);
	}
}

/* Directories get their mtimes when everything is in them. */
static const char *remember_dir(struct unpack *u, struct inode *i, s64 mtime)
{
	struct dir_time *t = kmalloc(sizeof(*t));

	if (!t)
		return "out of memory";
	t->inode = inode_get(i);
	t->mtime = mtime;
	t->next = u->dirs;
	u->dirs = t;
	return NULL;
}

static const char *begin(void *ctx, const struct cpio_entry *e)
{
	struct unpack *u = ctx;
	struct inode *dir, *i;
	const char *last;
	u32 len, type = e->mode & S_IFMT;

	u->e = *e;
	u->file = NULL;
	u->off = 0;
	u->link = NULL;
	u->link_len = 0;
	if (!(dir = parent_of(e->name, &last, &len)))
		return NULL;
	if (!len) {
		if (!S_ISDIR(e->mode))
			return NULL;
		set_attrs(dir, e);
		return remember_dir(u, dir, e->mtime);
	}
	clear_name(dir, last, len, e->mode);
	if (type == S_IFLNK) {
		if (!(u->link = kmalloc(e->filesize + 1)) || !(u->name = kmalloc(PATH_MAX)))
			return "out of memory";
		memcpy(u->name, e->name, strlen(e->name) + 1);
		return NULL;
	}
	if (type == S_IFREG && e->nlink >= 2) {
		for (struct hardlink *h = u->links; h; h = h->next) {
			if (h->ino == e->ino && h->dev_major == e->dev_major &&
			    h->dev_minor == e->dev_minor) {
				if (vfs_link(dir, last, len, h->inode) < 0)
					return NULL;
				u->file = h->inode;
				return NULL;
			}
		}
	}
	if (S_ISDIR(e->mode) && (i = dir_lookup(dir, last, len))) {
		set_attrs(i, e);
	} else {
		long err = vfs_mknod(dir, last, len, type | (e->mode & 07777),
				     MKDEV(e->rdev_major, e->rdev_minor), &i);

		if (err == -ENOMEM || err == -ENOSPC)
			return "out of memory";
		if (err < 0)
			return NULL;
		set_attrs(i, e);
	}
	if (S_ISDIR(e->mode))
		return remember_dir(u, i, e->mtime);
	if (type == S_IFREG) {
		u->file = i;
		if (e->nlink >= 2) {
			struct hardlink *h = kmalloc(sizeof(*h));

			if (!h)
				return "out of memory";
			h->dev_major = e->dev_major;
			h->dev_minor = e->dev_minor;
			h->ino = e->ino;
			h->inode = inode_get(i);
			h->next = u->links;
			u->links = h;
		}
	}
	return NULL;
}

static const char *data(void *ctx, const u8 *bytes, u32 n)
{
	struct unpack *u = ctx;
	long put;

	if (u->link) {
		memcpy(u->link + u->link_len, bytes, n);
		u->link_len += n;
		return NULL;
	}
	if (!u->file)
		return NULL;
	put = ramfs_write(u->file, bytes, n, u->off);
	if (put != (long)n)
		return put == -ENOSPC || put >= 0 ? "no space left" : "out of memory";
	u->off += n;
	return NULL;
}

static const char *end(void *ctx)
{
	struct unpack *u = ctx;
	struct inode *dir, *i;
	const char *last;
	u32 len;

	if (u->file)
		u->file->mtime.sec = u->e.mtime;	/* the writes moved it */
	if (!u->link)
		return NULL;
	u->link[u->link_len] = 0;
	if ((dir = parent_of(u->name, &last, &len)) && len &&
	    vfs_symlink(dir, last, len, u->link) == 0 && (i = dir_lookup(dir, last, len)))
		set_attrs(i, &u->e);
	kfree(u->link);
	kfree(u->name);
	u->link = NULL;
	return NULL;
}

static const char *trailer(void *ctx)
{
	forget_links(ctx);
	return NULL;
}

static const struct cpio_ops unpack_ops = { begin, data, end, trailer };

/* Linux's own initramfs (usr/default_cpio_list), unpacked before any
 * initrd: whatever the initrd holds, init finds /dev/console to open for
 * its standard input, output and error (proc.c). */
static void default_rootfs(void)
{
	struct inode *dev;

	if (vfs_mknod(vfs_root_inode(), "dev", 3, S_IFDIR | 0755, 0, &dev) == 0)
		vfs_mknod(dev, "console", 7, S_IFCHR | 0600, MKDEV(5u, 1u), NULL);
	vfs_mknod(vfs_root_inode(), "root", 4, S_IFDIR | 0700, 0, NULL);
}

void vfs_init(const void *initrd, u32 size)
{
	static struct initramfs state;	/* 40 KiB: the inflate window */
	static struct unpack u;
	struct initramfs_error err;

	if (vfs_make_root() < 0)
		crash("no memory for the root file system");
	default_rootfs();
	if (initramfs_unpack(&state, initrd, size, &unpack_ops, &u, 0xffffffffu, &err) < 0) {
		if (err.gzip_offset != INITRAMFS_NOT_IN_GZIP)
			crash("initramfs: %s at byte %u of the gzip member at offset %u of the initrd",
			      err.what, err.gzip_offset, err.offset);
		crash("initramfs: %s at offset %u of the initrd", err.what, err.offset);
	}
	forget_links(&u);
	while (u.dirs) {
		struct dir_time *t = u.dirs;

		u.dirs = t->next;
		t->inode->mtime.sec = t->mtime;
		t->inode->mtime.nsec = 0;
		inode_put(t->inode);
		kfree(t);
	}
}
