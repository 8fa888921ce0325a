/*
 * lib/cpio.c: GNU cpio's newc archive of a real tree parses to what
 * lstat() says of each file, fed in any chunk size; every header check
 * fires at the byte it names; a cut archive is an error at the end.
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "check.h"
#include "cpio_log.h"

#define MAX_FILE (1u << 20)

static struct cpio_parser parser;

/* Parse in chunks of `chunk` bytes; returns what cpio_finish() says. */
static int parse(const struct buf *a, u32 chunk, struct cpio_log *l)
{
	cpio_init(&parser, &log_ops, l, MAX_FILE, 0);
	for (size_t at = 0; at < a->len && !parser.error; at += chunk) {
		u32 n = a->len - at < chunk ? a->len - at : chunk;

		if (cpio_feed(&parser, a->p + at, n) != n && !parser.error)
			return -2;	/* stopped without an error */
	}
	return cpio_finish(&parser);
}

/* Each entry against the file it came from. */
static int mismatches;

static const char *against_lstat(struct cpio_log *l)
{
	const struct cpio_entry *e = &l->entry;
	char path[8192], target[4096];
	struct stat st;
	struct buf want = { 0 };

	snprintf(path, sizeof(path), "%s/tree/%s", FIXTURES, e->name);
	if (lstat(path, &st)) {
		mismatches++;
		return NULL;
	}
	if (e->mode != st.st_mode || e->uid != st.st_uid || e->gid != st.st_gid ||
	    e->nlink != st.st_nlink || e->mtime != (u32)st.st_mtime ||
	    e->ino != (u32)st.st_ino || e->dev_major != major(st.st_dev) ||
	    e->dev_minor != minor(st.st_dev)) {
		printf("    %s: header differs from lstat()\n", e->name);
		mismatches++;
	}
	if (S_ISLNK(st.st_mode)) {
		ssize_t n = readlink(path, target, sizeof(target));

		buf_add(&want, target, n > 0 ? n : 0);
	} else if (S_ISREG(st.st_mode) && l->data.len) {
		want = fixture(path + strlen(FIXTURES) + 1);
	}
	/* A hard link's data comes once, with its last name. */
	if (want.len != l->data.len ||
	    (want.len && memcmp(want.p, l->data.p, want.len))) {
		printf("    %s: data differs from the file\n", e->name);
		mismatches++;
	}
	free(want.p);
	return NULL;
}

static void check_tree(void)
{
	struct buf a = fixture("tree.cpio"), crc = fixture("tree.crc.cpio");
	struct cpio_log whole = { .check = against_lstat }, l = { 0 };
	static const u32 chunks[] = { 1, 2, 3, 7, 110, 111, 509, 4096 };
	int links = 0;

	CHECK(parse(&a, a.len, &whole) == 0 && whole.unpaired == 0,
	      "tree.cpio parses whole (%s)", parser.error ? parser.error : "no error");
	CHECK(whole.entries == 10 && mismatches == 0,
	      "its %d entries are what lstat() says of the files (%d differ)",
	      whole.entries, mismatches);
	CHECK(strstr((char *)whole.log.p, "TRAILER\n") != NULL, "the trailer is reported");
	u32 ino[2] = { 0, 1 };
	for (const char *s = (char *)whole.log.p; s; s = strchr(s, '\n'), s = s ? s + 1 : s) {
		const char *n2 = strstr(s, " n2 ");

		if ((!strncmp(s, "dir/hardlink ", 13) || !strncmp(s, "dir/hello ", 10)) &&
		    n2 && n2 < strchr(s, '\n') && links < 2)
			links += sscanf(strstr(s, " i") + 2, "%u", &ino[links]) == 1;
	}
	CHECK(links == 2 && ino[0] == ino[1], "a hard link's two names: nlink 2, one inode");
	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		int r = parse(&a, chunks[i], &l);

		CHECK(r == 0 && log_same(&l, &whole), "fed %u byte%s at a time, the same",
		      chunks[i], chunks[i] > 1 ? "s" : "");
		log_free(&l);
	}
	CHECK(parse(&crc, crc.len, &l) == 0 && log_same(&l, &whole),
	      "the crc format (070702) parses the same");
	log_free(&l);
	log_free(&whole);
	free(crc.p);
	free(a.p);
}

/* Every prefix (of the first 4 KiB, then every 61st, each copied to a
 * buffer of its own size for ASan): an error unless it ends between
 * entries, and then what came is a prefix of the whole parse. */
static void check_cuts(void)
{
	struct buf a = fixture("tree.cpio");
	struct cpio_log whole = { 0 }, l = { 0 };
	int wrong = 0, refused = 0;

	parse(&a, a.len, &whole);
	for (size_t n = 0; n < a.len; n += n < 4096 ? 1 : 61) {
		struct buf cut = { 0 };
		int r;

		buf_add(&cut, a.p, n);
		r = parse(&cut, 4096, &l);
		if (r == 0 && (l.log.len > whole.log.len ||
			       (l.log.len && memcmp(l.log.p, whole.log.p, l.log.len)) || l.open))
			wrong++;
		if (r != 0 && (!parser.error || parser.error_offset > n))
			wrong++;
		refused += r != 0;
		log_free(&l);
		free(cut.p);
	}
	CHECK(wrong == 0 && refused > 4096,
	      "each cut of tree.cpio is an error, or ends between entries (%d refused, %d wrong)",
	      refused, wrong);
	cpio_init(&parser, &log_ops, &l, MAX_FILE, 0);
	cpio_feed(&parser, a.p, 224);	/* 2 bytes into the second name */
	CHECK(cpio_finish(&parser) && strstr(parser.error, "name") && parser.error_offset == 224,
	      "cut in a name: the error is at the end (%s at %u)", parser.error, parser.error_offset);
	log_free(&l);
	log_free(&whole);
	free(a.p);
}

/* A newc header with these fields, then the name and its padding. */
static void add_entry(struct buf *b, u32 mode, u32 filesize, u32 namesize,
		      const char *name, const char *data)
{
	char h[CPIO_HEADER + 1];

	snprintf(h, sizeof(h), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 7, mode, 0, 0, 1, 0, filesize, 0, 0, 4, 64, namesize, 0);
	buf_add(b, h, CPIO_HEADER);
	buf_add(b, name, namesize);
	while (b->len % 4)
		buf_add(b, "", 1);
	buf_add(b, data, filesize);
	while (b->len % 4)
		buf_add(b, "", 1);
}

static const char *one(u32 mode, u32 filesize, u32 namesize, const char *name,
		       const char *data, u32 *offset, struct cpio_log *l)
{
	struct buf b = { 0 };

	add_entry(&b, mode, filesize, namesize, name, data);
	*l = (struct cpio_log){ 0 };
	parse(&b, b.len, l);
	*offset = parser.error_offset;
	free(b.p);
	return parser.error;
}

static void check_headers(void)
{
	struct buf a = fixture("tree.cpio"), b = { 0 }, odc = fixture("tree.odc.cpio");
	struct cpio_log l = { 0 };
	const char *err;
	u32 off;
	int wrong = 0;

	/* Each header byte of the second entry spoilt in turn: its first is
	 * no header at all (the parser stops there), the rest are errors. */
	u32 second = (CPIO_HEADER + 2 + 3) & ~3u;
	buf_add(&b, a.p, a.len);
	for (u32 i = 0; i < CPIO_HEADER; i++) {
		char was = b.p[second + i];
		int r;

		b.p[second + i] = 'g';
		r = parse(&b, b.len, &l);
		if (i == 0 ? r != -2 || parser.offset != second :
		    !parser.error || parser.error_offset != second + (i < 6 ? 0 : i)) {
			printf("    byte %u: %s at %u\n", i, parser.error, parser.error_offset);
			wrong++;
		}
		log_free(&l);
		b.p[second + i] = was;
	}
	CHECK(wrong == 0, "a bad magic or hex digit is an error at its byte (%d wrong)", wrong);
	free(b.p);

	CHECK(parse(&odc, odc.len, &l) && strstr(parser.error, "odc"),
	      "an odc archive is refused (%s)", parser.error);
	log_free(&l);

	err = one(CPIO_S_IFCHR | 0620, 0, 9, "dev/tty0", "", &off, &l);
	CHECK(!err && strstr((char *)l.log.p, "dev/tty0 20620 0:0 n1 t0 s0 i7 d0,0 r4,64\n"),
	      "a device node's rdev comes through");
	log_free(&l);
	err = one(CPIO_S_IFREG | 0644, 3, 1, "", "abc", &off, &l);
	CHECK(!err, "name size 1 (an empty name) is taken");
	log_free(&l);
	err = one(CPIO_S_IFREG | 0644, 0, 0, "", "", &off, &l);
	CHECK(err && off == 6 + 8 * 11, "name size 0 is refused at its field (%s)", err);
	log_free(&l);
	static char longname[4097];
	memset(longname, 'x', 4095);
	err = one(CPIO_S_IFREG | 0644, 0, 4097, longname, "", &off, &l);
	CHECK(err && off == 6 + 8 * 11, "name size 4097 is refused (%s)", err);
	log_free(&l);
	err = one(CPIO_S_IFREG | 0644, 0, 4096, longname, "", &off, &l);
	CHECK(!err && l.entries == 1, "a 4095-character name is taken");
	log_free(&l);
	err = one(CPIO_S_IFREG | 0644, 0, 4, "abcd", "", &off, &l);
	CHECK(err && off == CPIO_HEADER + 3, "a name without its NUL is refused (%s)", err);
	log_free(&l);
	err = one(CPIO_S_IFREG | 0644, 0, 4, "a\0c", "", &off, &l);
	CHECK(err && off == CPIO_HEADER + 1, "a NUL inside a name is refused (%s)", err);
	log_free(&l);
	err = one(0170644, 0, 2, "a", "", &off, &l);
	CHECK(err && off == 6 + 8, "an unknown file type is refused (%s)", err);
	log_free(&l);
	err = one(CPIO_S_IFDIR | 0755, 2, 2, "d", "xx", &off, &l);
	CHECK(err && off == 6 + 8 * 6, "a directory with data is refused (%s)", err);
	log_free(&l);
	err = one(CPIO_S_IFLNK | 0777, 0, 2, "l", "", &off, &l);
	CHECK(err && off == 6 + 8 * 6, "a symlink to nothing is refused (%s)", err);
	log_free(&l);
	cpio_init(&parser, &log_ops, &l, 2, 0);
	b = (struct buf){ 0 };
	add_entry(&b, CPIO_S_IFREG | 0644, 3, 2, "f", "abc");
	cpio_feed(&parser, b.p, b.len);
	CHECK(parser.error && strstr(parser.error, "too large"),
	      "a file over the caller's limit is refused (%s)", parser.error);
	free(b.p);
	log_free(&l);

	l = (struct cpio_log){ .refuse = "dir/hello" };
	CHECK(parse(&a, a.len, &l) && !strcmp(parser.error, "refused") &&
	      !memcmp(a.p + parser.error_offset, "070701", 6),
	      "a callback's refusal is the error, at the entry's header");
	log_free(&l);
	free(odc.p);
	free(a.p);
}

/* Archives one after another, with zero padding, and what may follow. */
static void check_concatenation(void)
{
	struct buf a = fixture("small.cpio"), b = { 0 };
	struct cpio_log one_log = { 0 }, l = { 0 };
	u32 n;

	parse(&a, a.len, &one_log);
	buf_add(&b, a.p, a.len);
	buf_zeros(&b, 12);
	buf_add(&b, a.p, a.len);
	CHECK(parse(&b, 1, &l) == 0 && l.log.len == 2 * one_log.log.len &&
	      !memcmp(l.log.p + one_log.log.len, one_log.log.p, one_log.log.len),
	      "two archives with padding between parse as both");
	log_free(&l);

	buf_add(&b, "\x1f\x8b", 2);
	cpio_init(&parser, &log_ops, &l, MAX_FILE, 0);
	n = cpio_feed(&parser, b.p, b.len);
	CHECK(n == b.len - 2 && !parser.error && cpio_finish(&parser) == 0,
	      "the parser stops, without an error, at what is not cpio");
	log_free(&l);
	b.len -= 2;
	buf_zeros(&b, 1);
	buf_add(&b, a.p, a.len);
	cpio_init(&parser, &log_ops, &l, MAX_FILE, 0);
	n = cpio_feed(&parser, b.p, b.len);
	CHECK(n == 2 * a.len + 12 + 1 && !parser.error,
	      "a header not on a 4-byte boundary is not taken for one");
	log_free(&l);
	log_free(&one_log);
	free(a.p);
	free(b.p);
}

int main(void)
{
	check_tree();
	check_cuts();
	check_headers();
	check_concatenation();
	return check_done();
}
