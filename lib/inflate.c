/* DEFLATE and gzip decoding: see inflate.h. */
#include "inflate.h"
#include "kstring.h"

#define WSIZE		INFLATE_WINDOW
#define WMASK		(WSIZE - 1)
#define LEN_MASK	((1u << INFLATE_LEN_BITS) - 1)
#define DIST_MASK	((1u << INFLATE_DIST_BITS) - 1)

/*
 * A lookup table entry says everything the decoder needs about a code in
 * one word: bits 0-3 the code's length (the bits to drop), bits 4-5 its
 * kind, bits 8-12 how many extra bits follow it, bits 16-31 its value
 * (the literal byte, or the base length or distance).  KIND_SLOW means the
 * next bits start a code longer than the table, or no valid code: the slow
 * walk decides.
 */
#define KIND		0x30u
#define KIND_LIT	0x00u
#define KIND_BASE	0x10u
#define KIND_END	0x20u
#define KIND_SLOW	0x30u

static const u16 len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const u8 len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const u16 dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577 };
static const u8 dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* Symbols 286 and 287 (lengths) and 30 and 31 (distances) exist in the
 * fixed code but mean nothing: they stay KIND_SLOW, which the slow walk
 * then reports as invalid. */
static u32 len_entry(u32 sym, u32 bits)
{
	if (sym < 256)
		return sym << 16 | KIND_LIT | bits;
	if (sym == 256)
		return KIND_END | bits;
	if (sym < 286)
		return (u32)len_base[sym - 257] << 16 |
		       (u32)len_extra[sym - 257] << 8 | KIND_BASE | bits;
	return KIND_SLOW;
}

static u32 dist_entry(u32 sym, u32 bits)
{
	if (sym < 30)
		return (u32)dist_base[sym] << 16 | (u32)dist_extra[sym] << 8 |
		       KIND_BASE | bits;
	return KIND_SLOW;
}

/* Unaligned 32-bit loads and stores: x86 does them in one instruction. */
typedef u32 __attribute__((may_alias, aligned(1))) unaligned_u32;

/* The CRC-32 tables: crc_table[0] is the usual byte-at-a-time table;
 * crc_table[k] advances a byte's CRC over k more zero bytes, so that four
 * lookups take a whole word (a CRC per output byte costs, under TCG). */
void inflate_init(struct inflate *s)
{
	for (u32 n = 0; n < 256; n++) {
		u32 c = n;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		s->crc_table[0][n] = c;
	}
	for (u32 n = 0; n < 256; n++)
		for (int k = 1; k < 4; k++) {
			u32 c = s->crc_table[k - 1][n];

			s->crc_table[k][n] = s->crc_table[0][c & 0xFF] ^ (c >> 8);
		}
	s->tables_fixed = 0;
}

u32 inflate_crc32(const struct inflate *s, u32 crc, const u8 *data, u32 len)
{
	const u32 (*t)[256] = s->crc_table;

	crc = ~crc;
	for (; len >= 4; len -= 4, data += 4) {
		crc ^= *(const unaligned_u32 *)data;
		crc = t[3][crc & 0xFF] ^ t[2][(crc >> 8) & 0xFF] ^
		      t[1][(crc >> 16) & 0xFF] ^ t[0][crc >> 24];
	}
	while (len--)
		crc = t[0][(crc ^ *data++) & 0xFF] ^ (crc >> 8);
	return ~crc;
}

/*
 * Make the canonical code for lengths[0, n) (RFC 1951 3.2.2), and, when
 * table is given, its lookup table of 2^bits entries.  An over-subscribed
 * set of lengths is an error; so is an incomplete one, except (as zlib
 * allows) a length or distance code of one 1-bit code, or of none.
 */
static const char *build(struct inflate_code *c, u32 *table, u32 bits,
			 const u8 *lengths, u32 n, u32 (*entry)(u32, u32),
			 int must_be_complete)
{
	u16 offs[16];
	int left = 1;
	u32 max = 0, len, i;

	memset(c->count, 0, sizeof(c->count));
	for (i = 0; i < n; i++)
		c->count[lengths[i]]++;
	c->count[0] = 0;
	for (len = 1; len < 16; len++) {
		left = (left << 1) - c->count[len];
		if (left < 0)
			return "over-subscribed";
		if (c->count[len])
			max = len;
	}
	if (left > 0 && max != 0 && (must_be_complete || max != 1))
		return "incomplete";
	offs[1] = 0;
	for (len = 1; len < 15; len++)
		offs[len + 1] = offs[len] + c->count[len];
	for (i = 0; i < n; i++)
		if (lengths[i])
			c->symbol[offs[lengths[i]]++] = i;
	if (!table)
		return NULL;

	/* Each code of len <= bits fills every entry whose low len bits are
	 * the code, reversed: DEFLATE sends Huffman codes high bit first. */
	for (i = 0; i < (1u << bits); i++)
		table[i] = KIND_SLOW;
	u32 code = 0, index = 0;
	for (len = 1; len <= bits; len++, code <<= 1) {
		for (u32 k = 0; k < c->count[len]; k++, code++, index++) {
			u32 rev = 0, e = entry(c->symbol[index], len);

			for (u32 b = 0; b < len; b++)
				rev |= ((code >> b) & 1) << (len - 1 - b);
			for (u32 j = rev; j < (1u << bits); j += 1u << len)
				table[j] = e;
		}
	}
	return NULL;
}

/* The slow decoder: walk the canonical code a bit at a time through the
 * low 15 bits of bitbuf.  Returns the code's length, 0 if no code fits. */
static u32 walk(const struct inflate_code *c, u32 bitbuf, u32 *sym)
{
	int code = 0, first = 0, index = 0;

	for (u32 len = 1; len < 16; len++) {
		int count = c->count[len];

		code |= bitbuf & 1;
		bitbuf >>= 1;
		if (code - first < count) {
			*sym = c->symbol[index + code - first];
			return len;
		}
		index += count;
		first = (first + count) << 1;
		code <<= 1;
	}
	return 0;
}

/* The entry for a code longer than the table, or KIND_SLOW if invalid. */
static u32 slow_entry(const struct inflate_code *c, u32 bitbuf,
		      u32 (*entry)(u32, u32))
{
	u32 sym, len = walk(c, bitbuf, &sym);

	return len ? entry(sym, len) : KIND_SLOW;
}

/*
 * The input, read through a bit buffer: bits are taken from the low end of
 * bitbuf, nbits of them valid; pos is the next byte to load.  Past the end
 * of the input the loads give zero bytes (so decoding never waits on a
 * bounds check), and pos runs on past len; once a bit from there has been
 * consumed, the stream was cut short, which every refill checks.
 */
struct input {
	const u8 *in;
	u32 len, pos;
	u32 bitbuf, nbits;
};

static int cut_short(const struct input *b)
{
	return b->pos > b->len && (b->pos - b->len) * 8 > b->nbits;
}

/* Near the end of the input: top up to 24..31 bits a byte at a time.
 * Returns nonzero if the stream was cut short. */
static int refill_slow(struct input *b)
{
	if (cut_short(b))
		return -1;
	while (b->nbits < 24) {
		if (b->pos < b->len)
			b->bitbuf |= (u32)b->in[b->pos] << b->nbits;
		b->pos++;
		b->nbits += 8;
	}
	return 0;
}

/* Make at least n <= 24 bits valid.  Returns nonzero if cut short. */
static int need(struct input *b, u32 n)
{
	return b->nbits < n ? refill_slow(b) : 0;
}

static u32 take(struct input *b, u32 n)
{
	u32 v = b->bitbuf & ((1u << n) - 1);

	b->bitbuf >>= n;
	b->nbits -= n;
	return v;
}

/* The input byte holding the next unconsumed bit: where an error is. */
static u32 input_offset(const struct input *b)
{
	u32 at = b->pos - (b->nbits + 7) / 8;

	return at < b->len ? at : b->len;
}

static const char *const cut = "compressed data cut short";

/* The output: window[start, wpos) is decoded but not yet handed out. */
struct output {
	inflate_out_fn fn;
	void *ctx;
	u32 wpos, start;
	int wrapped;		/* the window is full of history */
};

static const char *flush(struct inflate *s, struct output *o)
{
	u32 n = o->wpos - o->start;
	const char *err = NULL;

	if (n) {
		s->crc = inflate_crc32(s, s->crc, s->window + o->start, n);
		s->total += n;
		err = o->fn(o->ctx, s->window + o->start, n);
	}
	if (o->wpos == WSIZE) {
		o->wpos = 0;
		o->wrapped = 1;
	}
	o->start = o->wpos;
	return err;
}

static const char *stored_block(struct inflate *s, struct input *b,
				struct output *o)
{
	u32 n;

	/* Skip to the byte boundary and hand the whole bytes still in the
	 * bit buffer back to the input. */
	take(b, b->nbits & 7);
	b->pos -= b->nbits / 8;
	b->bitbuf = 0;
	b->nbits = 0;
	if (b->pos > b->len || b->len - b->pos < 4) {
		b->pos = b->len;
		return cut;
	}
	n = b->in[b->pos] | b->in[b->pos + 1] << 8;
	if (n != (~(b->in[b->pos + 2] | b->in[b->pos + 3] << 8) & 0xFFFFu))
		return "stored block length does not match its complement";
	b->pos += 4;
	if (b->len - b->pos < n) {
		b->pos = b->len;
		return cut;
	}
	while (n) {
		u32 chunk = WSIZE - o->wpos < n ? WSIZE - o->wpos : n;

		memcpy(s->window + o->wpos, b->in + b->pos, chunk);
		o->wpos += chunk;
		b->pos += chunk;
		n -= chunk;
		if (o->wpos == WSIZE) {
			const char *err = flush(s, o);

			if (err)
				return err;
		}
	}
	return NULL;
}

static void fixed_tables(struct inflate *s)
{
	u8 lengths[288];
	u32 i;

	for (i = 0; i < 144; i++)
		lengths[i] = 8;
	for (; i < 256; i++)
		lengths[i] = 9;
	for (; i < 280; i++)
		lengths[i] = 7;
	for (; i < 288; i++)
		lengths[i] = 8;
	build(&s->len_code, s->len_table, INFLATE_LEN_BITS, lengths, 288,
	      len_entry, 0);
	for (i = 0; i < 32; i++)
		lengths[i] = 5;
	build(&s->dist_code, s->dist_table, INFLATE_DIST_BITS, lengths, 32,
	      dist_entry, 0);
	s->tables_fixed = 1;
}

/* A dynamic block's header: the code lengths code, then through it the
 * code lengths of the literal/length and distance codes. */
static const char *dynamic_tables(struct inflate *s, struct input *b)
{
	static const u8 order[19] = {
		16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
	u8 lengths[286 + 30];
	u32 nlen, ndist, ncode, i, sym, len;
	/* The code lengths code is needed only until the real codes are
	 * built: it borrows the distance code's place. */
	struct inflate_code *lengths_code = &s->dist_code;

	s->tables_fixed = 0;
	if (need(b, 14))
		return cut;
	nlen = take(b, 5) + 257;
	ndist = take(b, 5) + 1;
	ncode = take(b, 4) + 4;
	if (nlen > 286 || ndist > 30)
		return "too many length or distance codes";
	for (i = 0; i < 19; i++) {
		if (i < ncode && need(b, 3))
			return cut;
		lengths[order[i]] = i < ncode ? take(b, 3) : 0;
	}
	if (build(lengths_code, NULL, 0, lengths, 19, NULL, 1))
		return "invalid code lengths code";
	for (i = 0; i < nlen + ndist;) {
		u32 value = 0, repeat;

		if (need(b, 15 + 7))
			return cut;
		len = walk(lengths_code, b->bitbuf, &sym);
		if (!len)
			return "invalid code in the code lengths";
		take(b, len);
		if (sym < 16) {
			lengths[i++] = sym;
			continue;
		}
		if (sym == 16) {
			if (i == 0)
				return "code length repeat with no previous length";
			value = lengths[i - 1];
			repeat = 3 + take(b, 2);
		} else if (sym == 17) {
			repeat = 3 + take(b, 3);
		} else {
			repeat = 11 + take(b, 7);
		}
		if (i + repeat > nlen + ndist)
			return "code length repeat past the last code";
		while (repeat--)
			lengths[i++] = value;
	}
	if (lengths[256] == 0)
		return "no end-of-block code";
	if (build(&s->len_code, s->len_table, INFLATE_LEN_BITS, lengths, nlen,
		  len_entry, 0))
		return "invalid literal/length code lengths";
	if (build(&s->dist_code, s->dist_table, INFLATE_DIST_BITS,
		  lengths + nlen, ndist, dist_entry, 0))
		return "invalid distance code lengths";
	return NULL;
}

/*
 * The hot loop: decode literals and matches until the end-of-block code.
 * The bit buffer and window position live in locals; a refill while at
 * least 4 input bytes remain is one unaligned load that tops the buffer
 * up to 24..31 bits (the bits above nbits that the load brings along are
 * the stream's next bits, so loading them again later is harmless).
 * 24 bits cover a length code and its extra bits (15 + 5), or a distance
 * code (15); a distance's up to 13 extra bits may need one more refill.
 */
static const char *huffman_block(struct inflate *s, struct input *b,
				 struct output *o)
{
	const u8 *in = b->in;
	const u32 *lt = s->len_table, *dt = s->dist_table;
	u8 *win = s->window;
	u32 len = b->len, pos = b->pos, bitbuf = b->bitbuf, nbits = b->nbits;
	u32 wpos = o->wpos;
	const char *err;

#define SAVE()	(b->pos = pos, b->bitbuf = bitbuf, b->nbits = nbits, o->wpos = wpos)
#define LOAD()	(pos = b->pos, bitbuf = b->bitbuf, nbits = b->nbits, wpos = o->wpos)
#define REFILL()							\
	do {								\
		if (pos + 4 <= len) {					\
			bitbuf |= *(const unaligned_u32 *)(in + pos) << nbits;		\
			pos += (31 - nbits) >> 3;			\
			nbits |= 24;					\
		} else {						\
			SAVE();						\
			if (refill_slow(b))				\
				return cut;				\
			LOAD();						\
		}							\
	} while (0)
#define DROP(n)	(bitbuf >>= (n), nbits -= (n))
#define FLUSH()								\
	do {								\
		SAVE();							\
		if (cut_short(b))					\
			return cut;					\
		if ((err = flush(s, o)) != NULL)			\
			return err;					\
		wpos = o->wpos;						\
	} while (0)

	for (;;) {
		u32 e, extra, length, dist, from;

		if (nbits < 15 + 5)
			REFILL();
		e = lt[bitbuf & LEN_MASK];
		if ((e & KIND) == KIND_SLOW) {
			e = slow_entry(&s->len_code, bitbuf, len_entry);
			if ((e & KIND) == KIND_SLOW) {
				SAVE();
				return "invalid literal/length code";
			}
		}
		DROP(e & 15);
		if ((e & KIND) == KIND_LIT) {
			win[wpos++] = e >> 16;
			if (wpos == WSIZE)
				FLUSH();
			continue;
		}
		if ((e & KIND) == KIND_END)
			break;
		extra = (e >> 8) & 31;
		length = (e >> 16) + (bitbuf & ((1u << extra) - 1));
		DROP(extra);

		if (nbits < 15)
			REFILL();
		e = dt[bitbuf & DIST_MASK];
		if ((e & KIND) == KIND_SLOW) {
			e = slow_entry(&s->dist_code, bitbuf, dist_entry);
			if ((e & KIND) == KIND_SLOW) {
				SAVE();
				return "invalid distance code";
			}
		}
		DROP(e & 15);
		extra = (e >> 8) & 31;
		if (nbits < extra)
			REFILL();
		dist = (e >> 16) + (bitbuf & ((1u << extra) - 1));
		DROP(extra);
		if (dist > wpos && !o->wrapped) {
			SAVE();
			return "distance too far back";
		}

		/* Copy the match, a word at a time if it does not overlap
		 * itself within a word, else byte by byte (a distance of 1
		 * repeats one byte).  Never past its end: the window beyond
		 * is history a later match may still need. */
		from = (wpos - dist) & WMASK;
		if (wpos + length < WSIZE && from + length <= WSIZE) {
			u8 *d = win + wpos;
			const u8 *f = win + from;

			wpos += length;
			if (dist >= 4) {
				for (; length >= 4; length -= 4, d += 4, f += 4)
					*(unaligned_u32 *)d = *(const unaligned_u32 *)f;
				while (length--)
					*d++ = *f++;
			} else {
				do
					*d++ = *f++;
				while (--length);
			}
		} else {
			do {
				win[wpos++] = win[from];
				from = (from + 1) & WMASK;
				if (wpos == WSIZE)
					FLUSH();
			} while (--length);
		}
	}
	SAVE();
	return NULL;
#undef SAVE
#undef LOAD
#undef REFILL
#undef DROP
#undef FLUSH
}

const char *inflate_raw(struct inflate *s, const void *in, u32 len,
			inflate_out_fn out, void *ctx, u32 *offset)
{
	struct input b = { .in = in, .len = len };
	struct output o = { .fn = out, .ctx = ctx };
	const char *err = NULL;
	u32 final;

	s->crc = 0;
	s->total = 0;
	s->blocks[0] = s->blocks[1] = s->blocks[2] = 0;
	do {
		u32 type;

		if (need(&b, 3)) {
			err = cut;
			break;
		}
		final = take(&b, 1);
		type = take(&b, 2);
		if (type == 3) {
			err = "invalid block type";
			break;
		}
		s->blocks[type]++;
		if (type == 0) {
			err = stored_block(s, &b, &o);
		} else {
			if (type == 2)
				err = dynamic_tables(s, &b);
			else if (!s->tables_fixed)
				fixed_tables(s);
			if (!err)
				err = huffman_block(s, &b, &o);
		}
	} while (!err && !final);
	if (!err && cut_short(&b))
		err = cut;
	if (!err)
		err = flush(s, &o);
	if (err) {
		*offset = input_offset(&b);
		return err;
	}
	/* The stream ends at a byte boundary: the bits left in its last byte
	 * are padding. */
	take(&b, b.nbits & 7);
	*offset = b.pos - b.nbits / 8;
	return NULL;
}

#define FHCRC		0x02
#define FEXTRA		0x04
#define FNAME		0x08
#define FCOMMENT	0x10
#define FRESERVED	0xE0

static u32 get32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

const char *gunzip(struct inflate *s, const void *in, u32 len,
		   inflate_out_fn out, void *ctx, u32 *offset)
{
	const u8 *p = in;
	const char *err;
	u32 pos = 10, used;
	u8 flags;

	*offset = 0;
	if (len < 2 || p[0] != 0x1F || p[1] != 0x8B)
		return "no gzip magic";
	if (len < 10)
		goto cut_header;
	if (p[2] != 8) {
		*offset = 2;
		return "gzip compression method is not deflate";
	}
	flags = p[3];
	if (flags & FRESERVED) {
		*offset = 3;
		return "reserved gzip flags set";
	}
	if (flags & FEXTRA) {
		if (len - pos < 2)
			goto cut_header;
		u32 xlen = p[pos] | p[pos + 1] << 8;

		pos += 2;
		if (len - pos < xlen)
			goto cut_header;
		pos += xlen;
	}
	/* The file name and comment end with a zero byte. */
	for (u8 flag = FNAME; flag <= FCOMMENT; flag <<= 1) {
		if (!(flags & flag))
			continue;
		while (pos < len && p[pos])
			pos++;
		if (pos++ == len)
			goto cut_header;
	}
	if (flags & FHCRC) {
		if (len - pos < 2)
			goto cut_header;
		if ((inflate_crc32(s, 0, p, pos) & 0xFFFF) !=
		    (u32)(p[pos] | p[pos + 1] << 8)) {
			*offset = pos;
			return "gzip header CRC mismatch";
		}
		pos += 2;
	}

	err = inflate_raw(s, p + pos, len - pos, out, ctx, &used);
	*offset = pos + used;
	if (err)
		return err;
	pos += used;
	if (len - pos < 8) {
		*offset = len;
		return "gzip trailer cut short";
	}
	if (get32(p + pos) != s->crc)
		return "gzip CRC-32 mismatch: corrupt data";
	if (get32(p + pos + 4) != s->total) {
		*offset = pos + 4;
		return "gzip size (ISIZE) mismatch";
	}
	*offset = pos + 8;
	return NULL;

cut_header:
	*offset = len;
	return "gzip header cut short";
}
