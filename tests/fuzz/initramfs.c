/*
 * libFuzzer target for lib/initramfs.c (with lib/cpio.c and lib/inflate.c
 * under it): the input is a whole initrd.  Whatever it is, unpacking must
 * end, read nothing outside it (an exact-size copy, for ASan), and keep
 * the promises of cpio.h to the callbacks: begin() and end() in pairs,
 * a NUL-terminated name under 4096 bytes, exactly filesize bytes of data
 * and no more than the limit; an error names an offset inside the initrd.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "initramfs.h"

#define MAX_FILE 100000u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct watch {
	int open;
	u32 filesize, got;
};

static const char *begin(void *ctx, const struct cpio_entry *e)
{
	struct watch *w = ctx;

	if (w->open || strnlen(e->name, CPIO_PATH_MAX) >= CPIO_PATH_MAX)
		abort();
	if ((e->mode & CPIO_S_IFMT) != CPIO_S_IFREG && e->filesize > CPIO_PATH_MAX)
		abort();
	if (e->filesize > MAX_FILE)
		abort();
	*w = (struct watch){ 1, e->filesize, 0 };
	return NULL;
}

static const char *data_cb(void *ctx, const u8 *bytes, u32 n)
{
	struct watch *w = ctx;

	if (!w->open || n == 0 || n > w->filesize - w->got)
		abort();
	(void)*(volatile const u8 *)bytes;
	(void)*(volatile const u8 *)(bytes + n - 1);
	w->got += n;
	return NULL;
}

static const char *end(void *ctx)
{
	struct watch *w = ctx;

	if (!w->open || w->got != w->filesize)
		abort();
	w->open = 0;
	return NULL;
}

static const struct cpio_ops ops = { .begin = begin, .data = data_cb, .end = end };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct initramfs s;
	struct initramfs_error err;
	struct watch w = { 0 };
	u8 *in = malloc(size ? size : 1);

	memcpy(in, data, size);
	if (initramfs_unpack(&s, in, size, &ops, &w, MAX_FILE, &err)) {
		if (!err.what || err.offset > size)
			abort();
	} else if (w.open) {
		abort();
	}
	free(in);
	return 0;
}
