/* Device nodes (devfs.c): opening a character device node finds the
 * driver registered for its number. */
#ifndef GUEST_DEVFS_H
#define GUEST_DEVFS_H

#include "fs/file.h"

#define MKDEV(major, minor)	(((major) << 8) | ((minor) & 0xff) | (((minor) & ~0xffu) << 12))
#define MAJOR(dev)		(((dev) >> 8) & 0xfff)
#define MINOR(dev)		(((dev) & 0xff) | (((dev) >> 12) & 0xfff00))

long devfs_open(struct inode *i, u32 flags, struct file **out);
/* A devtmpfs: a ram file system with a node for every registered device. */
struct superblock *devfs_new(void);

#endif
