/* The Guest's virtio devices: found in its boot description, driven with
 * the shared driver (lib/virtio_driver.h). */
#ifndef GUEST_VIRTIO_H
#define GUEST_VIRTIO_H

#include "virtio_driver.h"

/* The first device of this type, set up with those of the wanted features
 * it offers; crashes if it cannot be set up; NULL if there is none. */
struct virtio_driver *virtio_find(u32 device_id, u64 wanted);

/* The interrupt number the boot description gives d's device. */
u32 virtio_irq(const struct virtio_driver *d);

/* A buffer for the device, from a kernel pointer. */
struct virtio_buf virtio_buf(const void *p, u32 len, int device_writes);

#endif
