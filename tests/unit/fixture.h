/* Reading the fixtures tests/unit/fixtures.mk makes, for the inflate, cpio
 * and initramfs tests; and a growing byte buffer to collect output in. */
#ifndef LGUEST_FIXTURE_H
#define LGUEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static inline void buf_add(struct buf *b, const void *data, size_t n)
{
	/* One byte more than asked, kept zero: a text stays a C string. */
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = 0;
}

static inline void buf_zeros(struct buf *b, size_t n)
{
	while (n--)
		buf_add(b, "", 1);
}

/* The whole fixture FIXTURES/name; a missing one ends the test. */
static inline struct buf fixture(const char *name)
{
	char path[16384];
	struct buf b = { 0 };
	unsigned char chunk[65536];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	f = fopen(path, "rb");
	if (!f) {
		printf("not ok fixture %s\n    cannot open %s\n", name, path);
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return b;
}

#endif
