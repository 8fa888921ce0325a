/*
 * A virtio-mmio driver, for either kernel: the Host drives the machine's
 * devices with it, the Guest drives its own (which are the Host's models
 * on the Host, and the machine's natively).  Each queue has at most one
 * request in flight, either waited for by polling its used ring
 * (virtio_driver_request) or posted now and collected later
 * (virtio_driver_post, virtio_driver_collect): enough for block, entropy
 * and a console, and simple enough to trust.
 */
#ifndef LGUEST_VIRTIO_DRIVER_H
#define LGUEST_VIRTIO_DRIVER_H

#include <lguest/types.h>
#include <lguest/virtio.h>

#define VIRTIO_DRIVER_QUEUE_SIZE 64
/* The console has two queues (receive, transmit); the others one. */
#define VIRTIO_DRIVER_MAX_QUEUES 2

struct virtio_driver_queue {
	struct vring_desc *desc;
	u8 *avail, *used;
	u16 avail_idx, used_idx;
};

struct virtio_driver {
	volatile u8 *regs;
	/* How to tell the device a queue has work: NULL for a store to its
	 * QueueNotify register.  A Guest on the Host makes a hypercall
	 * instead (guest/drivers/virtio.c). */
	void (*notify)(struct virtio_driver *d, u32 queue);
	u32 notify_gpa;		/* QueueNotify's physical address, for it */
	u32 device_id;
	u64 features;		/* what was agreed */
	u32 num_queues;
	struct virtio_driver_queue q[VIRTIO_DRIVER_MAX_QUEUES];
};

/* A buffer, by physical address. */
struct virtio_buf {
	u32 addr, len;
	int device_writes;
};

/* Zeroed pages for a queue's rings: ring[i] as the driver sees them,
 * ring_pa[i] as the device does. */
struct virtio_rings {
	void *ring[3];
	u32 ring_pa[3];
};

/* How many queues we drive on a device of this type. */
u32 virtio_driver_num_queues(u32 device_id);

/* Set up the device at regs with virtio_driver_num_queues() queues, queue
 * i in rings[i], accepting those of the wanted features it offers.
 * Returns 0, or -1 with *why set. */
int virtio_driver_setup(struct virtio_driver *d, volatile u8 *regs, u64 wanted,
			const struct virtio_rings *rings, const char **why);

/* Offer one request of n buffers (at most VIRTIO_DRIVER_QUEUE_SIZE) on
 * queue q, whose previous request must be done. */
void virtio_driver_post(struct virtio_driver *d, u32 q, const struct virtio_buf *bufs, u32 n);

/* Is queue q's request done?  If so, returns 1 with the bytes the device
 * wrote in *written, and the queue is free again. */
int virtio_driver_collect(struct virtio_driver *d, u32 q, u32 *written);

/* Post and wait, the device asked not to interrupt (the queue is polled).
 * Returns the bytes the device wrote. */
u32 virtio_driver_request(struct virtio_driver *d, u32 q, const struct virtio_buf *bufs, u32 n);

/* For a driver that takes the device's interrupt: the interrupt line stays
 * up until its causes are acknowledged. */
void virtio_driver_ack_interrupt(struct virtio_driver *d);

u32 virtio_driver_config32(struct virtio_driver *d, u32 offset);

#endif
