/*
 * libFuzzer target for the checked virtqueue: the input decides the queue's
 * size, where its rings are, where the device's index stands, and every
 * byte of a 64 KiB Guest memory.  Whatever it is, vq_check_rings() and
 * vq_pop() must never touch memory outside the Guest's (ASan watches) and
 * every chain handed out must lie inside it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../host/launcher/virtqueue.h"

#define MEM 65536u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vq_chain chain;
	struct virtqueue vq;
	u8 *mem;
	u32 p[5];

	if (size < sizeof(p))
		return 0;
	memcpy(p, data, sizeof(p));
	data += sizeof(p);
	size -= sizeof(p);
	/* An exact-size allocation, so ASan sees any byte past the end. */
	mem = calloc(1, MEM);
	memcpy(mem, data, size < MEM ? size : MEM);
	vq = (struct virtqueue){
		.size = p[0] & 0x1FF,
		.desc = p[1] % (MEM + 64), .avail = p[2] % (MEM + 64), .used = p[3] % (MEM + 64),
		.last_avail = (u16)p[4], .used_idx = (u16)(p[4] >> 16),
	};
	if (vq_check_rings(&vq, MEM) == VQ_OK && vq_start(&vq, mem) == VQ_OK) {
		for (int i = 0; i < 4 && vq_pop(&vq, mem, MEM, &chain) == VQ_OK; i++) {
			for (u32 b = 0; b < chain.count; b++) {
				const u8 *s = chain.buf[b].data;

				if (s < mem || chain.buf[b].len > MEM || s + chain.buf[b].len > mem + MEM)
					abort();
				/* Touch both ends: ASan checks them. */
				(void)*(volatile const u8 *)s;
				(void)*(volatile const u8 *)(s + chain.buf[b].len - 1);
			}
			vq_push(&vq, mem, chain.head, 0);
		}
	}
	free(mem);
	return 0;
}
