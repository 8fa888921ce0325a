/* Unpacking a Linux initramfs: see initramfs.h. */
#include <stddef.h>
#include "initramfs.h"

/* A gzip member's output goes to the cpio parser, which must take all of
 * it: inside a member there is nothing but cpio archives and padding. */
static const char *to_cpio(void *ctx, const u8 *data, u32 len)
{
	struct cpio_parser *p = ctx;

	if (cpio_feed(p, data, len) < len && !p->error) {
		p->error = "junk after a cpio archive in gzip data";
		p->error_offset = p->offset;
	}
	return p->error;
}

static int fail(struct initramfs_error *err, const char *what, u32 offset,
		u32 gzip_offset)
{
	*err = (struct initramfs_error){ what, offset, gzip_offset };
	return -1;
}

int initramfs_unpack(struct initramfs *s, const void *initrd, u32 size,
		     const struct cpio_ops *ops, void *ctx, u32 max_file_size,
		     struct initramfs_error *err)
{
	const u8 *in = initrd;
	struct cpio_parser *p = &s->cpio;
	u32 pos = 0, used;

	inflate_init(&s->inflate);
	*err = (struct initramfs_error){ NULL, 0, INITRAMFS_NOT_IN_GZIP };
	while (pos < size) {
		if (in[pos] == 0) {
			pos++;
		} else if (in[pos] == 0x1F && size - pos >= 2 && in[pos + 1] == 0x8B) {
			const char *what;

			cpio_init(p, ops, ctx, max_file_size, 0);
			what = gunzip(&s->inflate, in + pos, size - pos, to_cpio, p, &used);
			if (!what && cpio_finish(p))
				what = p->error;
			if (what && what == p->error)
				return fail(err, what, pos, p->error_offset);
			if (what)
				return fail(err, what, pos + used, INITRAMFS_NOT_IN_GZIP);
			pos += used;
		} else if (in[pos] == '0' && !(pos & 3)) {
			/* The parser takes this archive, the padding after it
			 * and any plain archives after that. */
			cpio_init(p, ops, ctx, max_file_size, pos);
			pos += cpio_feed(p, in + pos, size - pos);
			if (pos == size)
				cpio_finish(p);
			if (p->error)
				return fail(err, p->error, p->error_offset,
					    INITRAMFS_NOT_IN_GZIP);
		} else {
			return fail(err, in[pos] == '0' ?
				    "cpio archive not on a 4-byte boundary" :
				    "not a cpio archive or gzip data", pos,
				    INITRAMFS_NOT_IN_GZIP);
		}
	}
	return 0;
}
