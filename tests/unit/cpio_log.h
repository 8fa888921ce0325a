/* A struct cpio_ops for the cpio and initramfs tests that writes what it is
 * told into a text log: two parses agree when their logs are equal. */
#ifndef LGUEST_CPIO_LOG_H
#define LGUEST_CPIO_LOG_H

#include "cpio.h"
#include "fixture.h"

struct cpio_log {
	struct buf log;
	struct buf data;	/* the current entry's */
	struct cpio_entry entry;
	char name[CPIO_PATH_MAX];
	int entries, open;
	int unpaired;		/* begin() without end(), the reverse, or
				   data() not filesize bytes */
	const char *(*check)(struct cpio_log *l);	/* at each end(), if set */
	const char *refuse;	/* begin() refuses the entry of this name */
};

static const char *log_begin(void *ctx, const struct cpio_entry *e)
{
	struct cpio_log *l = ctx;
	char line[4096 + 200];

	l->unpaired += l->open;
	l->open = 1;
	l->entry = *e;
	snprintf(l->name, sizeof(l->name), "%s", e->name);
	l->entry.name = l->name;
	l->data.len = 0;
	snprintf(line, sizeof(line), "%s %o %u:%u n%u t%u s%u i%u d%u,%u r%u,%u\n",
		 e->name, e->mode, e->uid, e->gid, e->nlink, e->mtime, e->filesize,
		 e->ino, e->dev_major, e->dev_minor, e->rdev_major, e->rdev_minor);
	buf_add(&l->log, line, strlen(line));
	if (l->refuse && !strcmp(e->name, l->refuse))
		return "refused";
	return NULL;
}

static const char *log_data(void *ctx, const u8 *bytes, u32 n)
{
	struct cpio_log *l = ctx;

	buf_add(&l->data, bytes, n);
	return NULL;
}

static const char *log_end(void *ctx)
{
	struct cpio_log *l = ctx;
	u32 hash = 2166136261u;
	char line[64];

	l->unpaired += !l->open || l->data.len != l->entry.filesize;
	l->open = 0;
	for (size_t i = 0; i < l->data.len; i++)
		hash = (hash ^ l->data.p[i]) * 16777619u;
	snprintf(line, sizeof(line), "  %zu bytes, hash %08x\n", l->data.len, hash);
	buf_add(&l->log, line, strlen(line));
	l->entries++;
	return l->check ? l->check(l) : NULL;
}

static const char *log_trailer(void *ctx)
{
	struct cpio_log *l = ctx;

	buf_add(&l->log, "TRAILER\n", 8);
	return NULL;
}

static const struct cpio_ops log_ops = {
	.begin = log_begin, .data = log_data, .end = log_end, .trailer = log_trailer,
};

static inline void log_free(struct cpio_log *l)
{
	free(l->log.p);
	free(l->data.p);
	*l = (struct cpio_log){ 0 };
}

static inline int log_same(const struct cpio_log *a, const struct cpio_log *b)
{
	return a->log.len == b->log.len &&
	       (a->log.len == 0 || !memcmp(a->log.p, b->log.p, a->log.len));
}

#endif
