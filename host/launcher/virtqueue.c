/*
 * Split virtqueues, checked (see virtqueue.h).
 *
 * The Guest can change its rings at any moment it runs, so every value is
 * read from its memory once, into a local, and checked there: nothing is
 * read twice and trusted the second time.  The rings themselves are checked
 * once, when the queue is set up: after that every ring access is inside
 * Guest RAM by construction.
 */
#include <stddef.h>
#include <lguest/virtio.h>
#include "kstring.h"
#include "virtqueue.h"

const char *vq_error_string(enum vq_error err)
{
	switch (err) {
	case VQ_OK: return "is fine";
	case VQ_EMPTY: return "has nothing available";
	case VQ_BAD_SIZE: return "has a size that is not a power of two up to 256";
	case VQ_BAD_RING: return "has a ring misaligned or outside Guest memory";
	case VQ_BAD_AVAIL_IDX: return "moved its available index more than a queue ahead";
	case VQ_BAD_INDEX: return "names a descriptor outside its table";
	case VQ_LOOP: return "has a descriptor chain longer than the queue (a loop)";
	case VQ_BAD_BUFFER: return "has a buffer outside Guest memory, or an empty one";
	case VQ_READ_AFTER_WRITE: return "has a device-readable buffer after a writable one";
	case VQ_INDIRECT: return "uses indirect descriptors, which were not offered";
	}
	return "has an unknown problem";
}

/* Guest memory is little-endian like us, but may be unaligned to the
 * compiler's taste: copy rather than cast. */
static u16 read16(const u8 *p) { u16 v; memcpy(&v, p, 2); return v; }
static void write16(u8 *p, u16 v) { memcpy(p, &v, 2); }
static void write32(u8 *p, u32 v) { memcpy(p, &v, 4); }

/* [gpa, gpa + len) inside [0, mem_size), and aligned. */
static int ring_ok(u64 gpa, u64 len, u32 align, u32 mem_size)
{
	return gpa % align == 0 && gpa <= mem_size && len <= mem_size - gpa;
}

enum vq_error vq_check_rings(const struct virtqueue *vq, u32 mem_size)
{
	u32 n = vq->size;

	if (n == 0 || n > VQ_MAX_SIZE || (n & (n - 1)))
		return VQ_BAD_SIZE;
	if (!ring_ok(vq->desc, 16ull * n, 16, mem_size) ||
	    !ring_ok(vq->avail, 6ull + 2ull * n, 2, mem_size) ||
	    !ring_ok(vq->used, 6ull + 8ull * n, 4, mem_size))
		return VQ_BAD_RING;
	return VQ_OK;
}

enum vq_error vq_start(struct virtqueue *vq, const u8 *mem)
{
	u16 avail_idx = read16(mem + vq->avail + 2);

	if ((u16)(avail_idx - vq->last_avail) > vq->size)
		return VQ_BAD_AVAIL_IDX;
	vq->avail_end = avail_idx;
	return VQ_OK;
}

enum vq_error vq_pop(struct virtqueue *vq, u8 *mem, u32 mem_size,
		     struct vq_chain *chain)
{
	u8 *avail = mem + vq->avail;
	u16 head, i;
	u32 n = vq->size;

	if (vq->avail_end == vq->last_avail)
		return VQ_EMPTY;

	head = read16(avail + 4 + 2 * (vq->last_avail % n));
	if (head >= n)
		return VQ_BAD_INDEX;
	chain->head = head;
	chain->count = chain->readable = 0;

	for (i = head;;) {
		struct vring_desc d;
		struct vq_buffer *b;

		/* n descriptors at most: one more means we went round. */
		if (chain->count == n)
			return VQ_LOOP;
		memcpy(&d, mem + vq->desc + 16u * i, sizeof(d));
		if (d.flags & VRING_DESC_F_INDIRECT)
			return VQ_INDIRECT;
		if (d.len == 0 || d.addr > mem_size || d.len > mem_size - d.addr)
			return VQ_BAD_BUFFER;
		b = &chain->buf[chain->count++];
		b->data = mem + d.addr;
		b->len = d.len;
		b->writable = !!(d.flags & VRING_DESC_F_WRITE);
		if (!b->writable) {
			if (chain->readable != chain->count - 1)
				return VQ_READ_AFTER_WRITE;
			chain->readable++;
		}
		if (!(d.flags & VRING_DESC_F_NEXT))
			break;
		if (d.next >= n)
			return VQ_BAD_INDEX;
		i = d.next;
	}
	vq->last_avail++;
	return VQ_OK;
}

void vq_push(struct virtqueue *vq, u8 *mem, u16 head, u32 written)
{
	u8 *used = mem + vq->used;
	u8 *elem = used + 4 + 8 * (vq->used_idx % vq->size);

	write32(elem, head);
	write32(elem + 4, written);
	vq->used_idx++;
	/* The element before the index: a driver that sees the new index must
	 * find the element there.  (One CPU: the compiler is all we order.) */
	asm volatile("" : : : "memory");
	write16(used + 2, vq->used_idx);
}

int vq_wants_interrupt(const struct virtqueue *vq, const u8 *mem)
{
	return !(read16(mem + vq->avail) & VRING_AVAIL_F_NO_INTERRUPT);
}
