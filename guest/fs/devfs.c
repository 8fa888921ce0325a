/*
 * /dev (devfs.h, vfs.h): drivers register their character devices by
 * number and name; every devtmpfs mounted gets a node for each, and
 * opening any node with that number (mknod makes more) reaches the
 * driver.
 */
#include "fs/devfs.h"
#include "fs/fs.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"
#include "kstring.h"

#define MAX_CHARDEVS	32
#define MAX_DEVTMPFS	4

/* A file whose driver open refused: nothing to release. */
static const struct file_ops refused_ops;

static const struct chardev *chardevs[MAX_CHARDEVS];
static struct superblock *devtmpfs[MAX_DEVTMPFS];

static void add_node(struct superblock *sb, const struct chardev *d)
{
	/* A node that is already there (a second registration, or one the
	 * user made) stays as it is. */
	vfs_mknod(sb->root, d->name, (u32)strlen(d->name), S_IFCHR | (d->mode & 07777),
		  MKDEV(d->major, d->minor), NULL);
}

void devfs_register(const struct chardev *d)
{
	for (int i = 0; i < MAX_CHARDEVS; i++) {
		if (!chardevs[i]) {
			chardevs[i] = d;
			for (int s = 0; s < MAX_DEVTMPFS && devtmpfs[s]; s++)
				add_node(devtmpfs[s], d);
			return;
		}
	}
}

struct superblock *devfs_new(void)
{
	int s;
	struct superblock *sb;

	for (s = 0; s < MAX_DEVTMPFS && devtmpfs[s]; s++)
		;
	if (s == MAX_DEVTMPFS || !(sb = ramfs_new("devtmpfs", "devtmpfs", 0)))
		return NULL;
	devtmpfs[s] = sb;
	for (int i = 0; i < MAX_CHARDEVS && chardevs[i]; i++)
		add_node(sb, chardevs[i]);
	return sb;
}

long devfs_open(struct inode *i, u32 flags, struct file **out)
{
	for (int n = 0; n < MAX_CHARDEVS && chardevs[n]; n++) {
		const struct chardev *d = chardevs[n];
		struct file *f;
		long err;

		if (MKDEV(d->major, d->minor) != i->rdev)
			continue;
		if (!(f = file_alloc(d->fops, flags, NULL)))
			return -ENOMEM;
		f->inode = inode_get(i);
		if (d->open && (err = d->open(f)) < 0) {
			/* Not the driver's release: its open did not happen. */
			f->ops = &refused_ops;
			file_put(f);
			return err;
		}
		*out = f;
		return 0;
	}
	return -ENXIO;
}
