/*
 * lib/inflate.c: gzip's own output decodes to exactly what zcat gives,
 * through every block type; hand-made streams reach each check; and no
 * cut or corrupted stream passes or strays outside its buffers (ASan).
 */
#include "check.h"
#include "fixture.h"
#include "inflate.h"

static struct inflate state;

/* The output callback: collects, and checks the chunk sizes. */
struct sink {
	struct buf out;
	int chunks, oversize;
	const char *refuse;	/* return this on the first chunk */
};

static const char *collect(void *ctx, const u8 *data, u32 len)
{
	struct sink *k = ctx;

	k->chunks++;
	if (len == 0 || len > INFLATE_WINDOW)
		k->oversize++;
	buf_add(&k->out, data, len);
	return k->refuse;
}

static const char *run_gunzip(const struct buf *in, struct sink *k, u32 *used)
{
	*k = (struct sink){ 0 };
	return gunzip(&state, in->p, in->len, collect, k, used);
}

static int same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (a->len == 0 || !memcmp(a->p, b->p, a->len));
}

/* Each fixture against zcat's output. */
static void check_gzip_files(void)
{
	static const char *const names[] = { "data.1.gz", "data.6.gz", "data.9.gz" };

	for (int i = 0; i < 3; i++) {
		char zname[64];
		struct buf gz = fixture(names[i]), want;
		struct sink k;
		u32 used;
		const char *err;

		snprintf(zname, sizeof(zname), "%s.zcat", names[i]);
		want = fixture(zname);
		err = run_gunzip(&gz, &k, &used);
		CHECK(!err && same(&k.out, &want),
		      "%s: %zu bytes as zcat gives them (%s)", names[i], want.len,
		      err ? err : "decoded");
		CHECK(used == gz.len, "%s: the member is all %zu bytes", names[i], gz.len);
		CHECK(state.blocks[2] > 0, "%s: has dynamic blocks (%u)", names[i],
		      state.blocks[2]);
		CHECK(k.oversize == 0 && k.chunks >= (int)(want.len / INFLATE_WINDOW),
		      "%s: output came in %d chunks of at most 32 KiB", names[i], k.chunks);
		free(gz.p);
		free(want.p);
		free(k.out.p);
	}
}

static void check_block_types(void)
{
	struct buf gz = fixture("random.6.gz"), want = fixture("random");
	struct sink k;
	u32 used;

	CHECK(!run_gunzip(&gz, &k, &used) && same(&k.out, &want) && state.blocks[0] > 0,
	      "random data: gzip's stored blocks (%u) decode", state.blocks[0]);
	free(gz.p);
	free(want.p);
	free(k.out.p);

	gz = fixture("hello.9.gz");
	want = fixture("hello");
	CHECK(!run_gunzip(&gz, &k, &used) && same(&k.out, &want) && state.blocks[1] > 0,
	      "a short text: gzip's fixed-code block decodes");
	free(k.out.p);

	struct buf empty = fixture("empty.9.gz");
	CHECK(!run_gunzip(&empty, &k, &used) && k.out.len == 0 && used == empty.len,
	      "an empty file's member decodes to nothing");
	free(empty.p);

	/* Two members back to back: the first says where the second starts. */
	struct buf two = { 0 };
	struct buf data = fixture("data.1.gz");
	buf_add(&two, gz.p, gz.len);
	buf_add(&two, data.p, data.len);
	CHECK(!run_gunzip(&two, &k, &used) && used == gz.len && same(&k.out, &want),
	      "a first member reports its own length (%u of %zu)", used, two.len);
	free(k.out.p);
	struct buf rest = { two.p + used, two.len - used, 0 };
	CHECK(!run_gunzip(&rest, &k, &used) && used == data.len,
	      "the second member decodes from there");
	free(k.out.p);
	free(two.p);
	free(data.p);
	free(gz.p);
	free(want.p);
}

/* hello.9.gz rebuilt with every optional header field. */
static struct buf with_header_fields(const struct buf *gz, int bad_hcrc)
{
	struct buf b = { 0 };
	u8 head[10];
	u32 crc;

	memcpy(head, gz->p, 10);
	head[3] = 0x02 | 0x04 | 0x08 | 0x10;	/* FHCRC FEXTRA FNAME FCOMMENT */
	buf_add(&b, head, 10);
	buf_add(&b, "\x05\x00" "extra", 7);
	buf_add(&b, "name.txt", 9);
	buf_add(&b, "a comment", 10);
	crc = inflate_crc32(&state, 0, b.p, b.len) ^ (bad_hcrc ? 1 : 0);
	buf_add(&b, (u8[]){ crc & 0xFF, (crc >> 8) & 0xFF }, 2);
	buf_add(&b, gz->p + 10, gz->len - 10);
	return b;
}

static void check_header(void)
{
	struct buf gz = fixture("hello.9.gz"), want = fixture("hello"), b;
	struct sink k;
	u32 used;
	const char *err;

	b = with_header_fields(&gz, 0);
	CHECK(!run_gunzip(&b, &k, &used) && same(&k.out, &want) && used == b.len,
	      "FEXTRA, FNAME, FCOMMENT and FHCRC are skipped");
	free(k.out.p);
	free(b.p);
	b = with_header_fields(&gz, 1);
	err = run_gunzip(&b, &k, &used);
	CHECK(err && strstr(err, "header CRC") && used == 10 + 7 + 9 + 10,
	      "a wrong FHCRC is refused at its offset (%s at %u)", err, used);
	free(k.out.p);
	free(b.p);

	b = (struct buf){ 0 };
	buf_add(&b, gz.p, gz.len);
	b.p[3] = 0x20;
	err = run_gunzip(&b, &k, &used);
	CHECK(err && used == 3, "a reserved flag is refused (%s)", err);
	b.p[3] = 0;
	b.p[2] = 7;
	err = run_gunzip(&b, &k, &used);
	CHECK(err && used == 2, "a method other than deflate is refused (%s)", err);
	b.p[2] = 8;
	b.p[1] = 0x8C;
	err = run_gunzip(&b, &k, &used);
	CHECK(err && used == 0, "no magic is refused (%s)", err);
	b.p[1] = 0x8B;

	b.p[b.len - 8] ^= 1;
	err = run_gunzip(&b, &k, &used);
	CHECK(err && strstr(err, "CRC-32") && used == b.len - 8,
	      "a bad CRC-32 is refused at the trailer (%s)", err);
	free(k.out.p);
	b.p[b.len - 8] ^= 1;
	b.p[b.len - 1] ^= 0x80;
	err = run_gunzip(&b, &k, &used);
	CHECK(err && strstr(err, "ISIZE") && used == b.len - 4,
	      "an ISIZE mismatch is refused (%s)", err);
	free(k.out.p);
	b.p[b.len - 1] ^= 0x80;

	k = (struct sink){ .refuse = "full" };
	err = gunzip(&state, b.p, b.len, collect, &k, &used);
	CHECK(err && !strcmp(err, "full"), "the output callback's refusal is the error");
	free(k.out.p);
	free(b.p);
	free(gz.p);
	free(want.p);
}

/* Every prefix of a member is an error, and every single-bit corruption
 * either is one or (in a field nothing checks) decodes the same bytes. */
static void check_damage(const char *name)
{
	struct buf gz = fixture(name), want, b = { 0 };
	struct sink k;
	u32 used;
	int passed = 0, wrong = 0, refused = 0;

	run_gunzip(&gz, &k, &used);
	want = k.out;
	buf_add(&b, gz.p, gz.len);
	for (size_t n = 0; n < gz.len; n++) {
		struct buf cut = { 0 };

		buf_add(&cut, gz.p, n);
		if (!run_gunzip(&cut, &k, &used) || used > n)
			passed++;
		free(k.out.p);
		free(cut.p);
	}
	CHECK(passed == 0, "%s: each of its %zu prefixes is refused (%d passed)",
	      name, gz.len, passed);
	for (size_t i = 0; i < b.len; i++) {
		for (int bit = 0; bit < 8; bit++) {
			const char *err;

			b.p[i] ^= 1 << bit;
			err = run_gunzip(&b, &k, &used);
			if (!err && !same(&k.out, &want))
				wrong++;
			if (err && used > b.len)
				wrong++;
			refused += err != NULL;
			free(k.out.p);
			b.p[i] ^= 1 << bit;
		}
	}
	CHECK(wrong == 0 && refused > 0,
	      "%s: each bit flipped is refused or harmless (%d refused, %d wrong)",
	      name, refused, wrong);
	free(want.p);
	free(b.p);
	free(gz.p);
}

/* Raw DEFLATE streams written bit by bit, for the checks gzip never
 * trips.  Huffman codes go high bit first, everything else low bit first. */
struct bits {
	u8 p[70000];
	u32 nbits;
};

static void put(struct bits *w, u32 value, u32 n)
{
	for (u32 i = 0; i < n; i++, w->nbits++)
		if (value >> i & 1)
			w->p[w->nbits / 8] |= 1 << (w->nbits % 8);
}

static void put_code(struct bits *w, u32 code, u32 n)
{
	while (n--)
		put(w, code >> n & 1, 1);
}

/* A symbol of the fixed literal/length code. */
static void put_fixed(struct bits *w, u32 sym)
{
	if (sym < 144)
		put_code(w, 0x30 + sym, 8);
	else if (sym < 256)
		put_code(w, 0x190 + sym - 144, 9);
	else if (sym < 280)
		put_code(w, sym - 256, 7);
	else
		put_code(w, 0xC0 + sym - 280, 8);
}

static const char *raw(struct bits *w, struct sink *k, u32 *used)
{
	*k = (struct sink){ 0 };
	return inflate_raw(&state, w->p, (w->nbits + 7) / 8, collect, k, used);
}

static void check_crafted(void)
{
	static struct bits w;
	struct sink k;
	u32 used;
	const char *err;

	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 0, 2);		/* final, stored */
	put(&w, 0, 5);				/* to the byte boundary */
	put(&w, 5, 16), put(&w, 0xFFFF ^ 5, 16);
	for (const char *c = "hello"; *c; c++)
		put(&w, *c, 8);
	err = raw(&w, &k, &used);
	CHECK(!err && k.out.len == 5 && !memcmp(k.out.p, "hello", 5) && used == 10,
	      "a hand-made stored block");
	free(k.out.p);
	w.p[3] ^= 1;
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "complement"), "a stored length that disagrees with its complement (%s)", err);
	free(k.out.p);

	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 3, 2);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "block type"), "block type 3 is refused (%s)", err);
	free(k.out.p);

	/* 'a', then a match of length 3 at distance 1: "aaaa". */
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 1, 2);
	put_fixed(&w, 'a'), put_fixed(&w, 257), put_code(&w, 0, 5), put_fixed(&w, 256);
	err = raw(&w, &k, &used);
	CHECK(!err && k.out.len == 4 && !memcmp(k.out.p, "aaaa", 4),
	      "a fixed block with an overlapping match");
	free(k.out.p);
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 1, 2);
	put_fixed(&w, 'a'), put_fixed(&w, 257), put_code(&w, 1, 5), put_fixed(&w, 256);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "too far"), "a distance before the first byte (%s)", err);
	free(k.out.p);
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 1, 2);
	put_fixed(&w, 'a'), put_fixed(&w, 286);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "literal/length"), "length symbol 286 (%s)", err);
	free(k.out.p);
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 1, 2);
	put_fixed(&w, 'a'), put_fixed(&w, 257), put_code(&w, 30, 5);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "distance code"), "distance symbol 30 (%s)", err);
	free(k.out.p);
	memset(&w, 0, sizeof(w));
	put(&w, 0, 1), put(&w, 1, 2);		/* not final: then nothing */
	put_fixed(&w, 'a'), put_fixed(&w, 256);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "cut short"), "a stream without a final block (%s)", err);
	free(k.out.p);

	/* 32768 stored bytes, then a match reaching back the whole window. */
	memset(&w, 0, sizeof(w));
	put(&w, 0, 1), put(&w, 0, 2), put(&w, 0, 5);
	put(&w, 32768, 16), put(&w, 0xFFFF ^ 32768, 16);
	for (u32 i = 0; i < 32768; i++)
		put(&w, (i * 7) % 251, 8);
	put(&w, 1, 1), put(&w, 1, 2);
	put_fixed(&w, 285), put_code(&w, 29, 5), put(&w, 8191, 13);
	put_fixed(&w, 256);
	err = raw(&w, &k, &used);
	int match_ok = !err && k.out.len == 32768 + 258;
	for (u32 i = 0; match_ok && i < 258; i++)
		match_ok = k.out.p[32768 + i] == (i * 7) % 251;
	CHECK(match_ok, "a match at distance 32768 copies from the window's far end");
	free(k.out.p);

	/* Dynamic block headers: HLIT 30 is 287 codes, too many. */
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 2, 2), put(&w, 30, 5), put(&w, 0, 5), put(&w, 0, 4);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "too many"), "287 literal/length codes (%s)", err);
	free(k.out.p);
	/* Code length codes 16, 17 and 18 all of length 1: over-subscribed. */
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 2, 2), put(&w, 0, 5), put(&w, 0, 5), put(&w, 0, 4);
	put(&w, 1, 3), put(&w, 1, 3), put(&w, 1, 3), put(&w, 0, 3);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "code lengths code"), "an over-subscribed code lengths code (%s)", err);
	free(k.out.p);
	/* Codes 0 and 16 of length 1; 16 (code 1) first: nothing to repeat. */
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 2, 2), put(&w, 0, 5), put(&w, 0, 5), put(&w, 0, 4);
	put(&w, 1, 3), put(&w, 0, 3), put(&w, 0, 3), put(&w, 1, 3);
	put_code(&w, 1, 1), put(&w, 0, 2);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "no previous"), "a repeat before any length (%s)", err);
	free(k.out.p);
	/* Codes 0 and 18: 258 zero lengths, so no end-of-block code. */
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 2, 2), put(&w, 0, 5), put(&w, 0, 5), put(&w, 0, 4);
	put(&w, 0, 3), put(&w, 0, 3), put(&w, 1, 3), put(&w, 1, 3);
	put_code(&w, 1, 1), put(&w, 127, 7), put_code(&w, 1, 1), put(&w, 109, 7);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "end-of-block"), "no end-of-block code (%s)", err);
	free(k.out.p);
	/* The same, one zero too many: a repeat past the last code. */
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 2, 2), put(&w, 0, 5), put(&w, 0, 5), put(&w, 0, 4);
	put(&w, 0, 3), put(&w, 0, 3), put(&w, 1, 3), put(&w, 1, 3);
	put_code(&w, 1, 1), put(&w, 127, 7), put_code(&w, 1, 1), put(&w, 110, 7);
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "past the last"), "a repeat past the last code (%s)", err);
	free(k.out.p);
	/* 257 literal/length codes of length 1: over-subscribed. */
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1), put(&w, 2, 2), put(&w, 0, 5), put(&w, 0, 5), put(&w, 14, 4);
	for (int i = 0; i < 18; i++)	/* code length codes 1 and 16, length 1 */
		put(&w, i == 0 || i == 17 ? 1 : 0, 3);
	put_code(&w, 0, 1);		/* length 1, then 42 repeats of 6 */
	for (int i = 0; i < 42; i++)
		put_code(&w, 1, 1), put(&w, 3, 2);
	put_code(&w, 1, 1), put(&w, 1, 2);	/* and of 4: 257 lengths */
	put_code(&w, 0, 1);		/* and a distance code of length 1 */
	err = raw(&w, &k, &used);
	CHECK(err && strstr(err, "literal/length code lengths"),
	      "an over-subscribed literal/length code (%s)", err);
	free(k.out.p);
}

int main(void)
{
	inflate_init(&state);
	check_gzip_files();
	check_block_types();
	check_header();
	check_damage("hello.9.gz");
	check_damage("empty.9.gz");
	check_damage("text.9.gz");
	check_crafted();
	return check_done();
}
