/*
 * A virtio-mmio driver, for either kernel: the Host drives the machine's
 * devices with it, the Guest drives its own (which are the Host's models
 * on the Host, and the machine's natively).  One queue per device, one
 * request at a time, waited for by polling the used ring: enough for
 * block and entropy, and simple enough to trust.
 */
#ifndef LGUEST_VIRTIO_DRIVER_H
#define LGUEST_VIRTIO_DRIVER_H

#include <lguest/types.h>
#include <lguest/virtio.h>

#define VIRTIO_DRIVER_QUEUE_SIZE 64

struct virtio_driver {
	volatile u8 *regs;
	u32 device_id;
	u64 features;		/* what was agreed */
	struct vring_desc *desc;
	u8 *avail, *used;
	u16 avail_idx, used_idx;
};

/* A buffer, by physical address. */
struct virtio_buf {
	u32 addr, len;
	int device_writes;
};

/* Set up the device at regs with one queue in three zeroed pages (ring[i]
 * as the driver sees it, ring_pa[i] as the device does), accepting those
 * of the wanted features it offers.  Returns 0, or -1 with *why set. */
int virtio_driver_setup(struct virtio_driver *d, volatile u8 *regs, u64 wanted,
			void *const ring[3], const u32 ring_pa[3], const char **why);

/* Send one request of n buffers (at most VIRTIO_DRIVER_QUEUE_SIZE) and
 * wait for it.  Returns the bytes the device wrote. */
u32 virtio_driver_request(struct virtio_driver *d, const struct virtio_buf *bufs, u32 n);

u32 virtio_driver_config32(struct virtio_driver *d, u32 offset);

#endif
