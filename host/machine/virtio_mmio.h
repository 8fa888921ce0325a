/*
 * The Host's driver for the machine's own virtio devices: QEMU's microvm
 * puts up to 24 virtio-mmio transports at 0xFEB00000.  The Host finds the
 * ones with a device behind them, sets each up with one queue, and sends
 * requests through it, waiting for each to complete (polled: the Host has
 * nothing else to do while its one Guest waits for the device).
 */
#ifndef HOST_VIRTIO_MMIO_H
#define HOST_VIRTIO_MMIO_H

#include <lguest/types.h>

#define MACHINE_VQ_SIZE 64

struct machine_virtio {
	volatile u8 *regs;
	u32 device_id;
	u64 features;		/* what we agreed */
	/* The queue, in one Host page each part. */
	struct vring_desc_host *desc;
	u8 *avail, *used;
	u16 avail_idx, used_idx;
};

/* A buffer by its machine address. */
struct machine_buf {
	u32 addr, len;
	int device_writes;
};

/* Find the first device of this type and set it up, accepting the wanted
 * features it offers.  Returns NULL if the machine has none. */
struct machine_virtio *machine_virtio_find(u32 device_id, u64 wanted);

/* Send one request of n buffers and wait for it; returns the bytes the
 * device says it wrote. */
u32 machine_virtio_request(struct machine_virtio *dev, const struct machine_buf *bufs, u32 n);

/* Read the device's config space. */
u32 machine_virtio_config32(struct machine_virtio *dev, u32 offset);

#endif
