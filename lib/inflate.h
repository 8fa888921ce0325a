/*
 * DEFLATE (RFC 1951) and its gzip wrapper (RFC 1952): how the Guest kernel
 * unpacks a gzip-compressed initramfs.
 *
 * The compressed input is one buffer in memory (the initrd); the output is
 * streamed through a callback in chunks of at most 32 KiB, because the
 * kernel has no large contiguous buffer to decode into.  All the state,
 * the 32 KiB history window included, lives in a struct inflate that the
 * caller provides (about 44 KiB): no allocation.  The input is untrusted:
 * every code, length and distance is checked, and a corrupt or cut stream
 * is an error naming the input byte, never a read or write outside the
 * buffers or an endless loop.
 *
 * Huffman codes are decoded with a lookup table on the next 10 (lengths)
 * or 8 (distances) bits; only codes longer than that take the slow
 * canonical walk.  Under QEMU's TCG every instruction costs.
 */
#ifndef LGUEST_LIB_INFLATE_H
#define LGUEST_LIB_INFLATE_H

#include <lguest/types.h>

#define INFLATE_WINDOW		32768u	/* the furthest a match reaches back */
#define INFLATE_LEN_BITS	10	/* lookup bits for literals/lengths */
#define INFLATE_DIST_BITS	8	/* lookup bits for distances */

/* Receives each chunk of output, in order.  Returns NULL to go on, or a
 * message that stops the decoding and becomes its error. */
typedef const char *(*inflate_out_fn)(void *ctx, const u8 *data, u32 len);

/* A canonical Huffman code as counts per length and symbols in code order:
 * what the slow decoder walks for codes longer than the lookup table. */
struct inflate_code {
	u16 count[16];
	u16 symbol[288];
};

struct inflate {
	u8 window[INFLATE_WINDOW];	/* the output, and the history matches copy */
	u32 len_table[1u << INFLATE_LEN_BITS];
	u32 dist_table[1u << INFLATE_DIST_BITS];
	struct inflate_code len_code, dist_code;
	u32 crc_table[4][256];		/* slicing by 4: a word a step */
	int tables_fixed;		/* the tables hold the fixed code */
	/* After a stream: its output's CRC-32 and length (mod 2^32), and how
	 * many blocks of each type (stored, fixed, dynamic) it had. */
	u32 crc, total;
	u32 blocks[3];
};

/* Once, before the first use of s. */
void inflate_init(struct inflate *s);

/* Decode one raw DEFLATE stream at in[0, len).  Returns NULL on success,
 * with *offset the number of input bytes the stream took (its last byte
 * rounded up); or what was wrong, with *offset the input byte where it was
 * found.  s->crc and s->total describe the output. */
const char *inflate_raw(struct inflate *s, const void *in, u32 len,
			inflate_out_fn out, void *ctx, u32 *offset);

/* Decode one gzip member at in[0, len): its header (FEXTRA, FNAME and
 * FCOMMENT skipped, FHCRC checked), its DEFLATE data, and its CRC-32 and
 * ISIZE trailer.  Returns like inflate_raw(): on success *offset is the
 * member's length, so a following member starts at in + *offset. */
const char *gunzip(struct inflate *s, const void *in, u32 len,
		   inflate_out_fn out, void *ctx, u32 *offset);

/* The CRC-32 of gzip (and zip, PNG, ...), continued from crc over data. */
u32 inflate_crc32(const struct inflate *s, u32 crc, const u8 *data, u32 len);

#endif
