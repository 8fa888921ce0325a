/*
 * A device's view of a split virtqueue in Guest memory, every part of it
 * checked: the rings' placement when the driver says the queue is ready,
 * and each descriptor as the device takes it.  Plain C over the Guest's
 * memory (a pointer and a size), so the unit tests and the fuzzer can
 * throw anything at it.
 */
#ifndef HOST_VIRTQUEUE_H
#define HOST_VIRTQUEUE_H

#include <lguest/types.h>

/* The largest queue we offer, and so the longest chain: a chain can never
 * be longer than the queue without revisiting a descriptor. */
#define VQ_MAX_SIZE 256

enum vq_error {
	VQ_OK,
	VQ_EMPTY,		/* nothing available: not an error */
	VQ_BAD_SIZE,		/* not a power of two from 1 to VQ_MAX_SIZE */
	VQ_BAD_RING,		/* a ring misaligned or outside Guest RAM */
	VQ_BAD_AVAIL_IDX,	/* avail->idx ran more than a queue ahead */
	VQ_BAD_INDEX,		/* a head or next outside the table */
	VQ_LOOP,		/* a chain longer than the queue */
	VQ_BAD_BUFFER,		/* a buffer outside Guest RAM, or empty */
	VQ_READ_AFTER_WRITE,	/* a device-readable buffer after a writable one */
	VQ_INDIRECT,		/* indirect descriptors: not offered */
};

struct virtqueue {
	u32 size;		/* entries */
	u64 desc, avail, used;	/* Guest-physical addresses of the rings */
	u16 last_avail;		/* the next available entry we take */
	u16 avail_end;		/* avail->idx as vq_start() read it: this
				 * round takes entries up to here, no further */
	u16 used_idx;		/* our copy of used->idx */
};

struct vq_buffer {
	u8 *data;		/* the Host's pointer into Guest memory */
	u32 len;
	int writable;		/* the device writes it */
};

/* One request: its buffers, the readable ones first. */
struct vq_chain {
	u16 head;
	u32 count, readable;
	struct vq_buffer buf[VQ_MAX_SIZE];
};

/* A sentence fragment for an error: "has a descriptor chain that loops". */
const char *vq_error_string(enum vq_error err);

/* Check the queue's size and rings against Guest memory [0, mem_size). */
enum vq_error vq_check_rings(const struct virtqueue *vq, u32 mem_size);

/* Start a round of service (a notify, a tick): read the driver's
 * avail->idx, once.  VQ_BAD_AVAIL_IDX if it ran more than a queue ahead.
 * The round's vq_pop()s take chains up to that index and stop there,
 * whatever the driver, or a device writing into the rings, does meanwhile:
 * no round serves more than a queue's worth, so none lasts as long as the
 * Guest likes.  Only for a queue vq_check_rings() passed. */
enum vq_error vq_start(struct virtqueue *vq, const u8 *mem);

/* Take the next chain of the round.  VQ_EMPTY when the round has none
 * left; any other error means the driver broke the rules, and the queue
 * must not be used again. */
enum vq_error vq_pop(struct virtqueue *vq, u8 *mem, u32 mem_size,
		     struct vq_chain *chain);

/* Does the driver want an interrupt when we use its buffers?  Only for a
 * queue vq_check_rings() passed. */
int vq_wants_interrupt(const struct virtqueue *vq, const u8 *mem);

/* Give a chain back as used, with the number of bytes written into it. */
void vq_push(struct virtqueue *vq, u8 *mem, u16 head, u32 written);

#endif
