/*
 * User memory, from the kernel (uaccess.c).  Every pointer a program hands
 * a system call is checked here before the kernel touches it: inside the
 * user half, and memory the process has (pages it may have but has not
 * touched yet are brought in, as its own touch would).  After a check the
 * kernel may use the memory directly: nothing else runs in this address
 * space until the system call sleeps, and a sleeping call checks again.
 */
#ifndef GUEST_UACCESS_H
#define GUEST_UACCESS_H

#include <lguest/types.h>

/* 1 if [addr, addr + len) is the current process's, writable if write. */
int user_ok(u32 addr, u32 len, int write);
/* 0, or -EFAULT. */
long copy_from_user(void *dst, u32 src, u32 len);
long copy_to_user(u32 dst, const void *src, u32 len);
/* A NUL-terminated string into dst[size]: its length, -EFAULT, or
 * -ENAMETOOLONG when it does not fit. */
long strncpy_from_user(char *dst, u32 src, u32 size);
/* The length of the string at src with its NUL, checked readable all
 * through: -EFAULT, or -ENAMETOOLONG when no NUL is within max bytes. */
long strnlen_user(u32 src, u32 max);

#endif
