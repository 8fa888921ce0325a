/*
 * The Guest's virtio devices.  Its boot description lists them (address,
 * interrupt, type); each one's registers get a page of kernel virtual space
 * at the top of the window mm.c keeps for such mappings.  On the Host that
 * page is never really mapped: every access traps to the Host, which plays
 * the device.  Natively it is the machine's own device.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "mm/mm.h"
#include "x86/paravirt.h"
#include "drivers/virtio.h"

#define DEVICE_VA(i) (KMAP_WINDOW + (1024 - LGUEST_MAX_DEVICES + (i)) * PAGE_SIZE)
/* Device registers are never cached. */
#define PTE_UNCACHED 0x018u

static struct virtio_driver drivers[LGUEST_MAX_DEVICES];
static int set_up[LGUEST_MAX_DEVICES];

struct virtio_buf virtio_buf(const void *p, u32 len, int device_writes)
{
	return (struct virtio_buf){ __pa(p), len, device_writes };
}

u32 virtio_irq(const struct virtio_driver *d)
{
	return boot_info->devices[d - drivers].irq;
}

struct virtio_driver *virtio_find(u32 device_id, u64 wanted)
{
	for (u32 i = 0; i < boot_info->device_count && i < LGUEST_MAX_DEVICES; i++) {
		const struct lguest_device *dev = &boot_info->devices[i];
		struct virtio_rings rings[VIRTIO_DRIVER_MAX_QUEUES];
		const char *why;

		if (dev->id != device_id)
			continue;
		if (set_up[i])
			return &drivers[i];
		mm_map(&kernel_mm, DEVICE_VA(i), dev->base, PTE_RW | PTE_UNCACHED);
		for (u32 q = 0; q < virtio_driver_num_queues(device_id); q++)
			for (int r = 0; r < 3; r++)
				rings[q].ring_pa[r] = __pa(rings[q].ring[r] = page_zalloc());
		/* Natively a device's registers need not start its page
		 * (microvm's are 0x200 apart). */
		if (virtio_driver_setup(&drivers[i], (volatile u8 *)DEVICE_VA(i) +
					(dev->base & ~PAGE_MASK), wanted, rings, &why) < 0)
			crash("virtio device %u at 0x%x: %s", device_id, dev->base, why);
		drivers[i].notify = pv.virtio_notify;
		drivers[i].notify_gpa = dev->base + VIRTIO_MMIO_QUEUE_NOTIFY;
		set_up[i] = 1;
		/* We poll the used ring: the Host need not interrupt us (on
		 * the Host, an interrupt we block is never delivered). */
		lguest_data.blocked_interrupts[0] |= 1u << dev->irq;
		return &drivers[i];
	}
	return NULL;
}
