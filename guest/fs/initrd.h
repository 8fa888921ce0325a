/* Files in the initrd (initrd.c). */
#ifndef GUEST_INITRD_H
#define GUEST_INITRD_H

#include <lguest/types.h>

/* The contents of file name, or NULL if the initrd has no such file. */
const void *initrd_find(const char *name, u32 *size);

#endif
