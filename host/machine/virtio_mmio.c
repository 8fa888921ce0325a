/* The Host's side of the machine's virtio devices: see virtio_mmio.h. */
#include "console.h"
#include "memory.h"
#include "paging.h"
#include "virtio_mmio.h"

#define MICROVM_VIRTIO_BASE	0xFEB00000u
#define MICROVM_VIRTIO_SLOTS	24
#define MICROVM_VIRTIO_STRIDE	0x200u

/* Entropy, and a console and a disk for each of the most Guests. */
static struct virtio_driver devices[1 + 2 * 8];
static volatile u8 *device_regs[1 + 2 * 8];
static unsigned ndevices;

struct virtio_driver *machine_virtio_find(u32 device_id, u64 wanted)
{
	return machine_virtio_find_nth(device_id, 0, wanted);
}

/* QEMU's microvm gives its virtio-mmio slots from the top down, in the
 * order its command line names the devices: so we count from the top. */
struct virtio_driver *machine_virtio_find_nth(u32 device_id, unsigned n, u64 wanted)
{
	paging_map_device(MICROVM_VIRTIO_BASE);
	for (unsigned slot = MICROVM_VIRTIO_SLOTS; slot-- > 0; ) {
		volatile u8 *regs = (volatile u8 *)(MICROVM_VIRTIO_BASE + slot * MICROVM_VIRTIO_STRIDE);
		struct virtio_driver *d = &devices[ndevices];
		struct virtio_rings rings[VIRTIO_DRIVER_MAX_QUEUES];
		const char *why;

		if (*(volatile u32 *)(regs + VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC ||
		    *(volatile u32 *)(regs + VIRTIO_MMIO_DEVICE_ID) != device_id ||
		    n--)
			continue;
		for (unsigned i = 0; i < ndevices; i++)
			if (device_regs[i] == regs)
				return &devices[i];
		if (ndevices == sizeof(devices) / sizeof(devices[0]))
			return NULL;
		/* The Host's memory is mapped at its own address. */
		for (u32 q = 0; q < virtio_driver_num_queues(device_id); q++)
			for (int i = 0; i < 3; i++)
				rings[q].ring_pa[i] = (u32)(rings[q].ring[i] = page_alloc());
		if (virtio_driver_setup(d, regs, wanted, rings, &why) < 0) {
			host_log("the machine's virtio device %u: %s", device_id, why);
			return NULL;
		}
		host_debug("machine virtio device %u at 0x%x", device_id, (u32)regs);
		device_regs[ndevices++] = regs;
		return d;
	}
	return NULL;
}
