/* A virtio-mmio driver for either kernel: see virtio_driver.h. */
#include "virtio_driver.h"

static u32 rd(struct virtio_driver *d, u32 off) { return *(volatile u32 *)(d->regs + off); }
static void wr(struct virtio_driver *d, u32 off, u32 v) { *(volatile u32 *)(d->regs + off) = v; }

/* The device reads and writes the rings behind the compiler's back. */
static inline void barrier(void) { asm volatile("" : : : "memory"); }

int virtio_driver_setup(struct virtio_driver *d, volatile u8 *regs, u64 wanted,
			void *const ring[3], const u32 ring_pa[3], const char **why)
{
	u64 offered;

	d->regs = regs;
	d->avail_idx = d->used_idx = 0;
	if (rd(d, VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC) {
		*why = "no virtio-mmio device there";
		return -1;
	}
	if (rd(d, VIRTIO_MMIO_VERSION) != 2) {
		*why = "a legacy device (QEMU needs -global virtio-mmio.force-legacy=false)";
		return -1;
	}
	d->device_id = rd(d, VIRTIO_MMIO_DEVICE_ID);
	wr(d, VIRTIO_MMIO_STATUS, 0);
	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	offered = rd(d, VIRTIO_MMIO_DEVICE_FEATURES);
	wr(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	offered |= (u64)rd(d, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	d->features = offered & (wanted | (1ull << VIRTIO_F_VERSION_1));
	wr(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(d, VIRTIO_MMIO_DRIVER_FEATURES, (u32)d->features);
	wr(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(d, VIRTIO_MMIO_DRIVER_FEATURES, (u32)(d->features >> 32));
	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
				  VIRTIO_STATUS_FEATURES_OK);
	if (!(rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK)) {
		*why = "the device refused our features";
		return -1;
	}
	wr(d, VIRTIO_MMIO_QUEUE_SEL, 0);
	if (rd(d, VIRTIO_MMIO_QUEUE_NUM_MAX) < VIRTIO_DRIVER_QUEUE_SIZE) {
		*why = "the device's queue is too small";
		return -1;
	}
	d->desc = ring[0];
	d->avail = ring[1];
	d->used = ring[2];
	wr(d, VIRTIO_MMIO_QUEUE_NUM, VIRTIO_DRIVER_QUEUE_SIZE);
	wr(d, VIRTIO_MMIO_QUEUE_DESC_LOW, ring_pa[0]);
	wr(d, VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, ring_pa[1]);
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, ring_pa[2]);
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
	wr(d, VIRTIO_MMIO_QUEUE_READY, 1);
	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
				  VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
	if (rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET) {
		*why = "the device wants a reset";
		return -1;
	}
	return 0;
}

u32 virtio_driver_request(struct virtio_driver *d, const struct virtio_buf *bufs, u32 n)
{
	u16 slot;
	u32 written;

	/* One request at a time: it always starts at descriptor 0. */
	for (u32 i = 0; i < n; i++) {
		d->desc[i].addr = bufs[i].addr;
		d->desc[i].len = bufs[i].len;
		d->desc[i].flags = (bufs[i].device_writes ? VRING_DESC_F_WRITE : 0) |
				   (i + 1 < n ? VRING_DESC_F_NEXT : 0);
		d->desc[i].next = (u16)(i + 1);
	}
	slot = d->avail_idx % VIRTIO_DRIVER_QUEUE_SIZE;
	*(volatile u16 *)(d->avail + 4 + 2 * slot) = 0;
	barrier();
	*(volatile u16 *)(d->avail + 2) = ++d->avail_idx;
	barrier();
	wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	while (*(volatile u16 *)(d->used + 2) == d->used_idx)
		;
	barrier();
	slot = d->used_idx % VIRTIO_DRIVER_QUEUE_SIZE;
	written = *(volatile u32 *)(d->used + 4 + 8 * slot + 4);
	d->used_idx++;
	/* We poll, and nobody routes the device's interrupt, so its status
	 * is left alone: reading and acknowledging it would be two more
	 * device accesses per request, and on the Host each access is a trip
	 * through the Host. */
	return written;
}

u32 virtio_driver_config32(struct virtio_driver *d, u32 offset)
{
	return rd(d, VIRTIO_MMIO_CONFIG + offset);
}
