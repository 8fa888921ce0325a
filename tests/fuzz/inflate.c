/*
 * libFuzzer target for lib/inflate.c: the input is a raw DEFLATE stream
 * and, the same bytes, a gzip member (a gzip header is put in front when
 * the input lacks one, so the fuzzer need not find the magic).  Whatever
 * it is, decoding must end, touch nothing outside the input (an
 * exact-size copy, for ASan), hand out chunks of 1..32 KiB, and report an
 * offset inside the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "inflate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *check_chunk(void *ctx, const u8 *out, u32 len)
{
	u32 *total = ctx;

	if (len == 0 || len > INFLATE_WINDOW)
		abort();
	/* Touch both ends: ASan checks them. */
	(void)*(volatile const u8 *)out;
	(void)*(volatile const u8 *)(out + len - 1);
	*total += len;
	return *total > (64u << 20) ? "enough" : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct inflate s;
	static const u8 header[10] = { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3 };
	u32 offset, total = 0;
	u8 *in = malloc(size + sizeof(header));
	const char *err;

	inflate_init(&s);
	memcpy(in, data, size);
	err = inflate_raw(&s, in, size, check_chunk, &total, &offset);
	if (offset > size || (!err && total != s.total))
		abort();
	free(in);

	in = malloc(size + sizeof(header));
	u32 len = size;
	if (size < 2 || data[0] != 0x1F || data[1] != 0x8B) {
		memcpy(in, header, sizeof(header));
		len += sizeof(header);
	}
	memcpy(in + len - size, data, size);
	total = 0;
	err = gunzip(&s, in, len, check_chunk, &total, &offset);
	if (offset > len)
		abort();
	free(in);
	return 0;
}
