/*
 * A push parser for cpio "newc" archives (magic 070701, and 070702, whose
 * checksum it ignores): the format of a Linux initramfs.
 *
 * The bytes arrive in chunks of any size (a decompressor's output, one
 * byte at a time if need be) through cpio_feed(); the parser calls back
 * once per entry: begin() with its header, data() as the file's bytes go
 * by (pointers into the fed chunk, nothing copied), end().  Like Linux's
 * init/initramfs.c, it takes zero padding between entries and archives,
 * and a new archive's "0707" at any 4-byte-aligned offset after one.
 * Every header field is checked; an error names the stream offset of the
 * byte that was wrong.
 */
#ifndef LGUEST_LIB_CPIO_H
#define LGUEST_LIB_CPIO_H

#include <lguest/types.h>

#define CPIO_PATH_MAX	4096	/* the longest name, its NUL included */
#define CPIO_HEADER	110	/* "070701" and 13 fields of 8 hex digits */

/* File types in mode (S_IFMT), as Linux numbers them. */
#define CPIO_S_IFMT	0170000
#define CPIO_S_IFSOCK	0140000
#define CPIO_S_IFLNK	0120000
#define CPIO_S_IFREG	0100000
#define CPIO_S_IFBLK	0060000
#define CPIO_S_IFDIR	0040000
#define CPIO_S_IFCHR	0020000
#define CPIO_S_IFIFO	0010000

struct cpio_entry {
	const char *name;	/* NUL-terminated, 0..4095 characters */
	u32 ino, mode, uid, gid, nlink, mtime;
	u32 filesize;		/* the bytes data() will get: a symlink's is its target */
	u32 dev_major, dev_minor, rdev_major, rdev_minor;
};

/*
 * The caller's side.  Each returns NULL to go on, or a message that stops
 * the parser and becomes its error (at the entry's header).  Hard links
 * come as entries with nlink >= 2 and the same (dev, ino): GNU cpio gives
 * the data with the last of them, the others empty.  trailer() (may be
 * NULL) marks the end of an archive: Linux forgets hard links there.
 */
struct cpio_ops {
	const char *(*begin)(void *ctx, const struct cpio_entry *entry);
	const char *(*data)(void *ctx, const u8 *bytes, u32 n);
	const char *(*end)(void *ctx);
	const char *(*trailer)(void *ctx);
};

struct cpio_parser {
	const struct cpio_ops *ops;
	void *ctx;
	u32 max_file_size;
	u32 offset;		/* of the next byte in the stream */
	int state;
	u32 have;		/* bytes of the header or name collected */
	u32 left;		/* data bytes still to come */
	u32 header_at;		/* offset of the current entry's header */
	u32 namesize;
	int trailer;		/* the current entry is TRAILER!!! */
	const char *error;	/* NULL, or what was wrong */
	u32 error_offset;	/* and at which stream offset */
	struct cpio_entry entry;
	char header[CPIO_HEADER];
	char name[CPIO_PATH_MAX];
};

/* Start (or restart) a parser on a stream whose next byte is at offset
 * (the offset matters for 4-byte alignment, and in errors).  Regular files
 * and symlinks larger than max_file_size are errors. */
void cpio_init(struct cpio_parser *p, const struct cpio_ops *ops, void *ctx,
	       u32 max_file_size, u32 offset);

/* Parse the next len bytes.  Returns how many it took: all of them, unless
 * it stopped on an error (p->error is set, and stays set), or between
 * entries at a byte that is neither zero padding nor an aligned "0" of a
 * new header: not cpio any more (a gzip member may follow in an initrd). */
u32 cpio_feed(struct cpio_parser *p, const void *bytes, u32 len);

/* The stream has ended: 0 if between entries, else -1 with p->error set
 * (an archive cut short). */
int cpio_finish(struct cpio_parser *p);

#endif
