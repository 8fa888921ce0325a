/* Pipes and FIFOs (pipe.c). */
#ifndef GUEST_PIPE_H
#define GUEST_PIPE_H

#include "fs/file.h"

#define PIPE_BUF	4096		/* writes up to this size are atomic */
#define PIPE_SIZE	(64u * 1024)	/* Linux's default capacity */

/* pipe(2): a read end and a write end, or -ENOMEM. */
long pipe_create(u32 flags, struct file **rd, struct file **wr);
/* open(2) of a FIFO inode: readers wait for a writer and writers for a
 * reader, unless O_NONBLOCK or O_RDWR. */
long fifo_open(struct inode *i, u32 flags, struct file **out);

#endif
