/*
 * Unpacking a Linux initramfs: the initrd is a sequence of cpio newc
 * archives, each plain or gzip-compressed, with zero padding between them,
 * as Linux's unpack_to_rootfs() (init/initramfs.c) reads it: a plain
 * archive starts with "0707" at a 4-byte-aligned offset of the initrd; a
 * gzip member (1f 8b) anywhere, and its output is a cpio stream of whole
 * archives of its own.  Anything else is an error.
 *
 * The entries go to the caller's struct cpio_ops (the kernel makes its
 * files there); all the memory needed is the caller's struct initramfs.
 */
#ifndef LGUEST_LIB_INITRAMFS_H
#define LGUEST_LIB_INITRAMFS_H

#include <lguest/types.h>
#include "cpio.h"
#include "inflate.h"

struct initramfs {
	struct inflate inflate;
	struct cpio_parser cpio;
};

#define INITRAMFS_NOT_IN_GZIP	0xFFFFFFFFu

struct initramfs_error {
	const char *what;	/* what was wrong, e.g. "gzip CRC-32 mismatch" */
	u32 offset;		/* where in the initrd; for an error in a gzip
				   member's output, where the member starts */
	u32 gzip_offset;	/* for an error in a gzip member's output, where
				   in that output; else INITRAMFS_NOT_IN_GZIP */
};

/* Unpack initrd[0, size) through ops (see cpio.h).  Regular files and
 * symlinks larger than max_file_size are errors.  Returns 0, or -1 with
 * *err filled in; entries before the error have been handed over. */
int initramfs_unpack(struct initramfs *s, const void *initrd, u32 size,
		     const struct cpio_ops *ops, void *ctx, u32 max_file_size,
		     struct initramfs_error *err);

#endif
