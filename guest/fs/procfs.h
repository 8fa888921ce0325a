/* /proc (procfs.c): mount -t proc. */
#ifndef GUEST_PROCFS_H
#define GUEST_PROCFS_H

struct superblock;

/* A new proc file system, or NULL when memory is short. */
struct superblock *procfs_new(void);

#endif
