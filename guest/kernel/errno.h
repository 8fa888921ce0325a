/*
 * Linux's error numbers, as its i386 system calls return them (negated).
 * One list, so every system call speaks the same errno a C library
 * expects.
 */
#ifndef GUEST_ERRNO_H
#define GUEST_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
/* A blocked call a signal woke returns -EINTR, and only signal_deliver
 * decides what the program sees: the call run again (no handler ran, or
 * one with SA_RESTART did) or EINTR. */
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define ENOTBLK		15
#define EBUSY		16
#define EEXIST		17
#define EXDEV		18
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define ETXTBSY		26
#define EFBIG		27
#define ENOSPC		28
#define ESPIPE		29
#define EROFS		30
#define EMLINK		31
#define EPIPE		32
#define EDOM		33
#define ERANGE		34
#define EDEADLK		35
#define ENAMETOOLONG	36
#define ENOLCK		37
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define ENOMSG		42
#define ENODATA		61
#define ETIME		62
#define EOVERFLOW	75
#define EILSEQ		84
#define ENOTSOCK	88
#define EOPNOTSUPP	95
#define EAFNOSUPPORT	97
#define ETIMEDOUT	110

/* Never seen by a program: a timed wait a signal woke, which has filled
 * in current->restart.  signal_deliver makes it EINTR when a handler
 * runs, and restart_syscall, going on to the same deadline, when none
 * does (a stop and continue, say). */
#define ERESTART_RESTARTBLOCK	516

#endif
