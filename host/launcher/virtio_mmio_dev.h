/*
 * A virtio device as the Guest sees it: the virtio-mmio register file, the
 * device-status handshake, and its queues.  The launcher's device models
 * (block, console, entropy) fill in struct virtio_dev_type; this file does
 * the part every device shares.  Plain C, so the unit tests drive it
 * register by register.
 */
#ifndef HOST_VIRTIO_MMIO_DEV_H
#define HOST_VIRTIO_MMIO_DEV_H

#include <lguest/types.h>
#include "virtqueue.h"

#define VIRTIO_MAX_QUEUES 2

struct virtio_dev;

struct virtio_dev_type {
	const char *name;
	u32 device_id;
	u64 features;		/* offered; VIRTIO_F_VERSION_1 always */
	u32 num_queues;
	u32 queue_size;		/* each queue's maximum */
	u32 config_size;
	/* Read config bytes [offset, offset + size), size 1, 2 or 4. */
	u32 (*config_read)(struct virtio_dev *d, u32 offset, u32 size);
	/* The driver made buffers available on queue q. */
	void (*notify)(struct virtio_dev *d, u32 q);
};

struct virtio_dev {
	const struct virtio_dev_type *type;
	void *backend;			/* the model's own state */
	u8 *mem;			/* the Guest's memory */
	u32 mem_size;
	u32 status;
	u32 device_features_sel, driver_features_sel;
	u64 driver_features;
	u32 queue_sel;
	u32 interrupt_status;
	struct virtqueue vq[VIRTIO_MAX_QUEUES];
	int vq_ready[VIRTIO_MAX_QUEUES];
	/* Set when the driver broke the transport's rules: the caller kills
	 * the Guest with this reason. */
	const char *broken;
};

void virtio_dev_init(struct virtio_dev *d, const struct virtio_dev_type *type,
		     void *backend, u8 *mem, u32 mem_size);
/* A load of size bytes (1, 2 or 4) at offset in the device's window. */
u32 virtio_mmio_read(struct virtio_dev *d, u32 offset, u32 size);
/* A store; afterwards d->broken says whether the Guest must die. */
void virtio_mmio_write(struct virtio_dev *d, u32 offset, u32 size, u32 value);
/* Is the device set up and its queue q usable? */
int virtio_queue_live(const struct virtio_dev *d, u32 q);

#endif
