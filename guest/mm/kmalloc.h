/* Small kernel objects (kmalloc.c): inodes, files, pipe buffers, names. */
#ifndef GUEST_KMALLOC_H
#define GUEST_KMALLOC_H

#include <stddef.h>

#define KMALLOC_MAX 4096u

/* size bytes (at most KMALLOC_MAX), 8-byte aligned, or NULL when memory
 * is short: the caller fails its system call with ENOMEM, never the
 * kernel. */
void *kmalloc(size_t size);
/* The same, zeroed. */
void *kzalloc(size_t size);
/* NULL is allowed. */
void kfree(void *p);

#endif
