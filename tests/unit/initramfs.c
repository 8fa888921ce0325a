/*
 * lib/initramfs.c: an initrd made of plain and gzip-compressed cpio
 * archives, in every mix Linux's unpack_to_rootfs() takes, gives the
 * entries of each in order; what Linux refuses is an error at its offset;
 * and no cut or corrupted initrd passes wrongly or strays (ASan).
 */
#include "check.h"
#include "cpio_log.h"
#include "initramfs.h"

#define MAX_FILE (1u << 20)

static struct initramfs state;
static struct initramfs_error error;

static int unpack(const struct buf *b, struct cpio_log *l)
{
	*l = (struct cpio_log){ 0 };
	return initramfs_unpack(&state, b->p, b->len, &log_ops, l, MAX_FILE, &error);
}

/* The log of the plain archive name. */
static struct cpio_log log_of(const char *name)
{
	struct buf a = fixture(name);
	struct cpio_log l;

	unpack(&a, &l);
	free(a.p);
	return l;
}

static void pad4(struct buf *b)
{
	buf_zeros(b, (4 - b->len % 4) % 4);
}

static void check_mixes(void)
{
	struct cpio_log tree = log_of("tree.cpio"), small = log_of("small.cpio"), l;
	struct buf t = fixture("tree.cpio"), tgz = fixture("tree.cpio.9.gz");
	struct buf s = fixture("small.cpio"), sgz = fixture("small.cpio.1.gz");
	struct buf s2gz = fixture("small2.cpio.6.gz"), b = { 0 };
	struct buf want = { 0 };

	CHECK(tree.entries == 10 && tree.unpaired == 0, "a plain archive: its 10 entries");
	CHECK(unpack(&tgz, &l) == 0 && log_same(&l, &tree), "the same archive gzipped");
	log_free(&l);

	/* plain + gzip + zero padding + plain, as a bootloader concatenates. */
	buf_add(&b, t.p, t.len);
	buf_add(&b, sgz.p, sgz.len);
	pad4(&b);
	buf_zeros(&b, 8);
	buf_add(&b, s.p, s.len);
	buf_add(&want, tree.log.p, tree.log.len);
	buf_add(&want, small.log.p, small.log.len);
	buf_add(&want, small.log.p, small.log.len);
	CHECK(unpack(&b, &l) == 0 && l.log.len == want.len && !memcmp(l.log.p, want.p, want.len),
	      "plain + gzip + padding + plain: all three archives (%s)",
	      error.what ? error.what : "no error");
	log_free(&l);

	/* Zeros first, gzip members back to back, one holding two archives. */
	free(b.p);
	b = (struct buf){ 0 };
	buf_zeros(&b, 5);
	buf_add(&b, sgz.p, sgz.len);
	buf_add(&b, tgz.p, tgz.len);
	buf_add(&b, s2gz.p, s2gz.len);
	buf_zeros(&b, 3);
	want.len = 0;
	buf_add(&want, small.log.p, small.log.len);
	buf_add(&want, tree.log.p, tree.log.len);
	buf_add(&want, small.log.p, small.log.len);
	buf_add(&want, small.log.p, small.log.len);
	CHECK(unpack(&b, &l) == 0 && l.log.len == want.len && !memcmp(l.log.p, want.p, want.len),
	      "padding, then three gzip members back to back, one with two archives (%s)",
	      error.what ? error.what : "no error");
	log_free(&l);

	b.len = 0;
	CHECK(unpack(&b, &l) == 0 && l.entries == 0, "an empty initrd has no entries");
	log_free(&l);

	free(want.p);
	free(b.p);
	free(t.p);
	free(tgz.p);
	free(s.p);
	free(sgz.p);
	free(s2gz.p);
	log_free(&tree);
	log_free(&small);
}

static void check_refusals(void)
{
	struct buf s = fixture("small.cpio"), sgz = fixture("small.cpio.1.gz");
	struct buf junk = fixture("junk.cpio.6.gz"), b = { 0 };
	struct cpio_log l;

	buf_add(&b, "hello", 5);
	CHECK(unpack(&b, &l) && error.offset == 0 && strstr(error.what, "not a cpio"),
	      "text is neither cpio nor gzip, at 0 (%s)", error.what);
	log_free(&l);

	b.len = 0;
	buf_add(&b, s.p, s.len);
	buf_add(&b, "junk", 4);
	CHECK(unpack(&b, &l) && error.offset == s.len && l.entries == 2 &&
	      error.gzip_offset == INITRAMFS_NOT_IN_GZIP,
	      "junk after a plain archive, at its offset (%s at %u)", error.what, error.offset);
	log_free(&l);

	b.len = 0;
	buf_add(&b, sgz.p, sgz.len);
	buf_zeros(&b, (5 - b.len % 4) % 4);	/* to an offset of 1 mod 4 */
	size_t off = b.len;
	buf_add(&b, s.p, s.len);
	CHECK(unpack(&b, &l) && error.offset == off && strstr(error.what, "boundary"),
	      "a plain archive off the 4-byte boundary (%s at %u)", error.what, error.offset);
	log_free(&l);

	CHECK(unpack(&junk, &l) && error.offset == 0 && error.gzip_offset == s.len &&
	      strstr(error.what, "junk"),
	      "junk inside a gzip member: at its offset in the output (%s at %u)",
	      error.what, error.gzip_offset);
	log_free(&l);

	b.len = 0;
	buf_add(&b, s.p, s.len);
	buf_add(&b, sgz.p, sgz.len);
	b.p[b.len - 8] ^= 0x10;
	CHECK(unpack(&b, &l) && strstr(error.what, "CRC") && error.offset == b.len - 8 &&
	      error.gzip_offset == INITRAMFS_NOT_IN_GZIP,
	      "a bad CRC in the second part: at the initrd offset of its trailer");
	log_free(&l);
	b.p[b.len - 8] ^= 0x10;
	b.p[b.len - 4] ^= 0x10;
	CHECK(unpack(&b, &l) && strstr(error.what, "ISIZE"), "a wrong ISIZE (%s)", error.what);
	log_free(&l);

	b.len = 0;
	buf_add(&b, s.p, s.len);
	b.p[3] = 'x';
	CHECK(unpack(&b, &l) && error.offset == 0 && strstr(error.what, "magic"),
	      "a cpio error in a plain part: at its initrd offset (%s)", error.what);
	log_free(&l);

	free(b.p);
	free(s.p);
	free(sgz.p);
	free(junk.p);
}

/* Every prefix and every bit flip of plain + gzip: never a crash; a cut
 * inside the gzip member always an error; any gzip corruption that passes
 * gives the same entries (the CRC-32 sees to it). */
static void check_damage(void)
{
	struct buf s = fixture("small.cpio"), sgz = fixture("small.cpio.1.gz"), b = { 0 };
	struct cpio_log whole, l;
	int wrong = 0, refused = 0;

	buf_add(&b, s.p, s.len);
	buf_add(&b, sgz.p, sgz.len);
	unpack(&b, &whole);
	for (size_t n = 0; n < b.len; n++) {
		struct buf cut = { 0 };
		int r;

		buf_add(&cut, b.p, n);
		r = unpack(&cut, &l);
		if (r == 0 && n > s.len)
			wrong++;
		if (r == 0 && (l.log.len > whole.log.len ||
			       (l.log.len && memcmp(l.log.p, whole.log.p, l.log.len))))
			wrong++;
		if (r && error.offset > n)
			wrong++;
		refused += r != 0;
		log_free(&l);
		free(cut.p);
	}
	CHECK(wrong == 0 && refused > (int)sgz.len,
	      "each cut: an error, or whole plain entries (%d refused, %d wrong)",
	      refused, wrong);

	wrong = refused = 0;
	for (size_t i = s.len; i < b.len; i++) {
		for (int bit = 0; bit < 8; bit++) {
			int r;

			b.p[i] ^= 1 << bit;
			r = unpack(&b, &l);
			if (r == 0 && !log_same(&l, &whole))
				wrong++;
			refused += r != 0;
			log_free(&l);
			b.p[i] ^= 1 << bit;
		}
	}
	CHECK(wrong == 0 && refused > 0,
	      "each bit flipped in the gzip part: refused or harmless (%d refused, %d wrong)",
	      refused, wrong);

	wrong = 0;
	for (size_t i = 0; i < s.len; i++) {
		for (int bit = 0; bit < 8; bit++) {
			b.p[i] ^= 1 << bit;
			if (unpack(&b, &l) && error.offset > b.len)
				wrong++;
			log_free(&l);
			b.p[i] ^= 1 << bit;
		}
	}
	CHECK(wrong == 0, "each bit flipped in the plain part: no crash, errors in range");
	log_free(&whole);
	free(b.p);
	free(s.p);
	free(sgz.p);
}

int main(void)
{
	check_mixes();
	check_refusals();
	check_damage();
	return check_done();
}
