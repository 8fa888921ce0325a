/*
 * Files in the initrd: a ustar archive (what "tar --format=ustar" writes).
 * Every header is checked before its numbers are used: a name must end
 * within its field, a size must be octal and lie inside the archive.
 */
#include "boot/guest.h"
#include "fs/initrd.h"
#include "kstring.h"

#define BLOCK 512

/* An octal field of n bytes; -1 if it is not one. */
static long octal(const char *s, unsigned n)
{
	long v = 0;
	unsigned i = 0;

	while (i < n && s[i] == ' ')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '7'; i++) {
		if (v > 0x7FFFFFF)
			return -1;
		v = v * 8 + (s[i] - '0');
	}
	if (i < n && s[i] != '\0' && s[i] != ' ')
		return -1;
	return v;
}

const void *initrd_find(const char *name, u32 *size)
{
	const char *base = __va(boot_info->initrd);
	u32 len = boot_info->initrd_size, off = 0;

	while (boot_info->initrd && off + BLOCK <= len) {
		const char *h = base + off;
		long sz;

		if (!h[0])
			break;		/* the end: zero blocks */
		if (memcmp(h + 257, "ustar", 5) || strnlen(h, 100) == 100)
			return NULL;
		sz = octal(h + 124, 12);
		if (sz < 0 || (u32)sz > len - off - BLOCK)
			return NULL;
		if (h[156] == '0' || h[156] == '\0') {	/* a regular file */
			const char *n = h;

			if (n[0] == '.' && n[1] == '/')
				n += 2;
			if (!strcmp(n, name)) {
				*size = (u32)sz;
				return h + BLOCK;
			}
		}
		off += BLOCK + (((u32)sz + BLOCK - 1) & ~(BLOCK - 1));
	}
	return NULL;
}
