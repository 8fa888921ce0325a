/*
 * The ram file system (fs.h): the root, /tmp and /dev.  Names live in
 * per-directory lists, file data in pages reached through a two-level
 * table, so no file ever needs a large contiguous buffer and a page never
 * written is a hole that reads as zeros.  Every page counts against the
 * file system's budget (ENOSPC), and a failed allocation fails the call
 * (ENOMEM), never the kernel.
 */
#include "fs/fs.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"
#include "kstring.h"

#define PAGE		4096u
#define SLOTS		(PAGE / (u32)sizeof(void *))	/* pointers in a page: 1024 */

static u32 next_ino = 1, next_dev = 1;

void (*fs_clock)(struct timespec_k *now);

void fs_now(struct timespec_k *now)
{
	now->sec = 0;
	now->nsec = 0;
	if (fs_clock)
		fs_clock(now);
}

struct superblock *ramfs_new(const char *type, const char *source, u64 bytes_max)
{
	struct superblock *sb = kzalloc(sizeof(*sb));

	if (!sb)
		return NULL;
	sb->type = type;
	sb->source = source;
	sb->bytes_max = bytes_max;
	sb->dev = next_dev++;
	sb->root = inode_new(sb, S_IFDIR | 0755);
	if (!sb->root) {
		kfree(sb);
		return NULL;
	}
	sb->root->nlink = 2;
	sb->root->parent = sb->root;
	return sb;
}

struct inode *inode_new(struct superblock *sb, u32 mode)
{
	struct inode *i = kzalloc(sizeof(*i));

	if (!i)
		return NULL;
	i->ino = next_ino++;
	i->mode = mode;
	i->sb = sb;
	fs_now(&i->mtime);
	i->atime = i->ctime = i->mtime;
	return i;
}

struct inode *dir_lookup(struct inode *dir, const char *name, u32 len)
{
	for (struct dirent_k *d = dir->entries; d; d = d->next)
		if (d->len == len && !memcmp(d->name, name, len))
			return d->inode;
	return NULL;
}

/* A directory's size, as stat shows it: Linux's ramfs counts nothing, but
 * a nonzero size keeps "ls -l" close to tmpfs, which reports 40 bytes plus
 * 20 per entry. */
static void dir_touch(struct inode *dir, long entries)
{
	dir->size = (u64)((long)dir->size + entries * 20);
	fs_now(&dir->mtime);
	dir->ctime = dir->mtime;
}

long dir_link(struct inode *dir, const char *name, u32 len, struct inode *i)
{
	struct dirent_k *d = kmalloc(sizeof(*d) + len + 1);

	if (!d)
		return -ENOMEM;
	memcpy(d->name, name, len);
	d->name[len] = 0;
	d->len = len;
	d->inode = i;
	d->next = dir->entries;
	dir->entries = d;
	i->nlink++;
	if (S_ISDIR(i->mode)) {
		i->parent = dir;
		i->nlink++;		/* its own "." */
		dir->nlink++;		/* its ".." */
	}
	dir_touch(dir, 1);
	i->ctime = dir->mtime;
	return 0;
}

long dir_unlink(struct inode *dir, const char *name, u32 len)
{
	for (struct dirent_k **pp = &dir->entries; *pp; pp = &(*pp)->next) {
		struct dirent_k *d = *pp;
		struct inode *i = d->inode;

		if (d->len != len || memcmp(d->name, name, len))
			continue;
		*pp = d->next;
		kfree(d);
		i->nlink--;
		if (S_ISDIR(i->mode)) {
			i->nlink--;
			dir->nlink--;
		}
		dir_touch(dir, -1);
		i->ctime = dir->mtime;
		inode_maybe_free(i);
		return 0;
	}
	return -ENOENT;
}

int dir_empty(struct inode *dir)
{
	return dir->entries == NULL;
}

u8 *ramfs_page(struct inode *i, u32 index)
{
	u8 **leaf;

	if (!i->pages || !(leaf = i->pages[index / SLOTS]))
		return NULL;
	return leaf[index % SLOTS];
}

/* The page for index, made (zeroed) if it is a hole. */
static long page_make(struct inode *i, u32 index, u8 **out)
{
	struct superblock *sb = i->sb;
	u8 ***leafp, *page;

	if ((*out = ramfs_page(i, index)))
		return 0;
	if (sb->bytes_max && sb->bytes_used + PAGE > sb->bytes_max)
		return -ENOSPC;
	if (!i->pages && !(i->pages = kzalloc(PAGE)))
		return -ENOMEM;
	leafp = &i->pages[index / SLOTS];
	if (!*leafp && !(*leafp = kzalloc(PAGE)))
		return -ENOMEM;
	if (!(page = kzalloc(PAGE)))
		return -ENOMEM;
	(*leafp)[index % SLOTS] = page;
	sb->bytes_used += PAGE;
	*out = page;
	return 0;
}

/* Pages from index first on go; the tail of the page before stays. */
static void pages_drop(struct inode *i, u32 first)
{
	if (!i->pages)
		return;
	for (u32 l = first / SLOTS; l < SLOTS; l++) {
		u8 **leaf = i->pages[l];

		if (!leaf)
			continue;
		for (u32 s = l == first / SLOTS ? first % SLOTS : 0; s < SLOTS; s++) {
			if (leaf[s]) {
				kfree(leaf[s]);
				leaf[s] = NULL;
				i->sb->bytes_used -= PAGE;
			}
		}
		if (l > first / SLOTS || first % SLOTS == 0) {
			kfree(leaf);
			i->pages[l] = NULL;
		}
	}
	if (first == 0) {
		kfree(i->pages);
		i->pages = NULL;
	}
}

long ramfs_read(struct inode *i, void *buf, u32 n, u64 off)
{
	u32 done = 0;

	if (off >= i->size)
		return 0;
	if (n > i->size - off)
		n = (u32)(i->size - off);
	while (done < n) {
		u64 pos = off + done;
		u32 in = (u32)(pos % PAGE), chunk = PAGE - in;
		u8 *page = ramfs_page(i, (u32)(pos / PAGE));

		if (chunk > n - done)
			chunk = n - done;
		if (page)
			memcpy((u8 *)buf + done, page + in, chunk);
		else
			memset((u8 *)buf + done, 0, chunk);
		done += chunk;
	}
	fs_now(&i->atime);
	return (long)done;
}

/* The largest file: two levels of 1024 slots of pages, less one byte so
 * sizes stay below 4 GiB. */
#define RAMFS_MAX_SIZE	((u64)SLOTS * SLOTS * PAGE - 1)

long ramfs_write(struct inode *i, const void *buf, u32 n, u64 off)
{
	u32 done = 0;
	long err = 0;

	if (off >= RAMFS_MAX_SIZE)
		return n ? -EFBIG : 0;
	if (n > RAMFS_MAX_SIZE - off)
		n = (u32)(RAMFS_MAX_SIZE - off);
	while (done < n) {
		u64 pos = off + done;
		u32 in = (u32)(pos % PAGE), chunk = PAGE - in;
		u8 *page;

		if ((err = page_make(i, (u32)(pos / PAGE), &page)) < 0)
			break;
		if (chunk > n - done)
			chunk = n - done;
		memcpy(page + in, (const u8 *)buf + done, chunk);
		done += chunk;
	}
	if (done && off + done > i->size)
		i->size = off + done;
	if (done) {
		fs_now(&i->mtime);
		i->ctime = i->mtime;
	}
	/* A short write reports what it moved, as Linux does; only a write
	 * that moved nothing reports the error. */
	return done ? (long)done : err;
}

long ramfs_truncate(struct inode *i, u64 size)
{
	if (size > RAMFS_MAX_SIZE)
		return -EFBIG;
	if (size < i->size) {
		u32 in = (u32)(size % PAGE);
		u8 *page = ramfs_page(i, (u32)(size / PAGE));

		/* The kept page's tail must read as zeros if the file grows
		 * again. */
		if (page && in)
			memset(page + in, 0, PAGE - in);
		pages_drop(i, (u32)((size + PAGE - 1) / PAGE));
	}
	i->size = size;
	fs_now(&i->mtime);
	i->ctime = i->mtime;
	return 0;
}

long ramfs_allocate(struct inode *i, u64 off, u64 len, int keep_size)
{
	u64 end = off + len;
	long err;

	if (end > RAMFS_MAX_SIZE)
		return -EFBIG;
	for (u64 pos = off & ~(u64)(PAGE - 1); pos < end; pos += PAGE) {
		u8 *page;

		if ((err = page_make(i, (u32)(pos / PAGE), &page)) < 0)
			return err;
	}
	if (!keep_size && end > i->size)
		i->size = end;
	fs_now(&i->ctime);
	return 0;
}

long ramfs_punch(struct inode *i, u64 off, u64 len)
{
	u64 end = off + len < i->size ? off + len : i->size;

	/* Zeroed where they are, not freed: a mapping may hold the pages. */
	for (u64 pos = off; pos < end;) {
		u32 in = (u32)(pos % PAGE), chunk = PAGE - in;
		u8 *page = ramfs_page(i, (u32)(pos / PAGE));

		if (chunk > end - pos)
			chunk = (u32)(end - pos);
		if (page)
			memset(page + in, 0, chunk);
		pos += chunk;
	}
	fs_now(&i->mtime);
	i->ctime = i->mtime;
	return 0;
}

void inode_maybe_free(struct inode *i)
{
	if (i->nlink || i->refs || (i->sb && i->sb->root == i))
		return;
	pages_drop(i, 0);
	kfree(i->link);
	kfree(i);
}

struct inode *inode_get(struct inode *i)
{
	i->refs++;
	return i;
}

void inode_put(struct inode *i)
{
	i->refs--;
	inode_maybe_free(i);
}
