/*
 * The Host's side of the machine's own virtio devices: QEMU's microvm puts
 * up to 24 virtio-mmio transports at 0xFEB00000; the Host finds the ones
 * it wants and drives them with the shared driver (lib/virtio_driver.h).
 */
#ifndef HOST_VIRTIO_MMIO_H
#define HOST_VIRTIO_MMIO_H

#include "virtio_driver.h"

/* The first of the machine's devices of this type, set up with those of
 * the wanted features it offers; NULL if it has none. */
struct virtio_driver *machine_virtio_find(u32 device_id, u64 wanted);
/* The same for the nth (from 0) of the machine's devices of that type. */
struct virtio_driver *machine_virtio_find_nth(u32 device_id, unsigned n, u64 wanted);

#endif
