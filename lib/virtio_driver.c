/* A virtio-mmio driver for either kernel: see virtio_driver.h. */
#include <stddef.h>
#include "virtio_driver.h"

static u32 rd(struct virtio_driver *d, u32 off) { return *(volatile u32 *)(d->regs + off); }
static void wr(struct virtio_driver *d, u32 off, u32 v) { *(volatile u32 *)(d->regs + off) = v; }

/* The device reads and writes the rings behind the compiler's back. */
static inline void barrier(void) { asm volatile("" : : : "memory"); }

u32 virtio_driver_num_queues(u32 device_id)
{
	return device_id == VIRTIO_ID_CONSOLE ? 2 : 1;
}

static int queue_setup(struct virtio_driver *d, u32 index, const struct virtio_rings *r,
		       const char **why)
{
	struct virtio_driver_queue *q = &d->q[index];

	wr(d, VIRTIO_MMIO_QUEUE_SEL, index);
	if (rd(d, VIRTIO_MMIO_QUEUE_NUM_MAX) < VIRTIO_DRIVER_QUEUE_SIZE) {
		*why = "the device's queue is too small";
		return -1;
	}
	q->desc = r->ring[0];
	q->avail = r->ring[1];
	q->used = r->ring[2];
	q->avail_idx = q->used_idx = 0;
	wr(d, VIRTIO_MMIO_QUEUE_NUM, VIRTIO_DRIVER_QUEUE_SIZE);
	wr(d, VIRTIO_MMIO_QUEUE_DESC_LOW, r->ring_pa[0]);
	wr(d, VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, r->ring_pa[1]);
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, r->ring_pa[2]);
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
	wr(d, VIRTIO_MMIO_QUEUE_READY, 1);
	if (!rd(d, VIRTIO_MMIO_QUEUE_READY)) {
		*why = "a queue would not come up";
		return -1;
	}
	return 0;
}

int virtio_driver_setup(struct virtio_driver *d, volatile u8 *regs, u64 wanted,
			const struct virtio_rings *rings, const char **why)
{
	u64 offered;

	d->regs = regs;
	d->notify = NULL;
	if (rd(d, VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC) {
		*why = "no virtio-mmio device there";
		return -1;
	}
	if (rd(d, VIRTIO_MMIO_VERSION) != 2) {
		*why = "a legacy device (QEMU needs -global virtio-mmio.force-legacy=false)";
		return -1;
	}
	d->device_id = rd(d, VIRTIO_MMIO_DEVICE_ID);
	d->num_queues = virtio_driver_num_queues(d->device_id);
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
	for (u32 i = 0; i < d->num_queues; i++)
		if (queue_setup(d, i, &rings[i], why) < 0)
			return -1;
	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
				  VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
	if (rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET) {
		*why = "the device wants a reset";
		return -1;
	}
	return 0;
}

/* avail_flags: VRING_AVAIL_F_NO_INTERRUPT when we will poll for it. */
static void post(struct virtio_driver *d, u32 qi, const struct virtio_buf *bufs, u32 n,
		 u16 avail_flags)
{
	struct virtio_driver_queue *q = &d->q[qi];
	u16 slot;

	/* One request at a time: it always starts at descriptor 0. */
	for (u32 i = 0; i < n; i++) {
		q->desc[i].addr = bufs[i].addr;
		q->desc[i].len = bufs[i].len;
		q->desc[i].flags = (bufs[i].device_writes ? VRING_DESC_F_WRITE : 0) |
				   (i + 1 < n ? VRING_DESC_F_NEXT : 0);
		q->desc[i].next = (u16)(i + 1);
	}
	*(volatile u16 *)q->avail = avail_flags;
	slot = q->avail_idx % VIRTIO_DRIVER_QUEUE_SIZE;
	*(volatile u16 *)(q->avail + 4 + 2 * slot) = 0;
	barrier();
	*(volatile u16 *)(q->avail + 2) = ++q->avail_idx;
	barrier();
	if (d->notify)
		d->notify(d, qi);
	else
		wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, qi);
}

void virtio_driver_post(struct virtio_driver *d, u32 q, const struct virtio_buf *bufs, u32 n)
{
	post(d, q, bufs, n, 0);
}

int virtio_driver_collect(struct virtio_driver *d, u32 qi, u32 *written)
{
	struct virtio_driver_queue *q = &d->q[qi];
	u16 slot;

	if (*(volatile u16 *)(q->used + 2) == q->used_idx)
		return 0;
	barrier();
	slot = q->used_idx % VIRTIO_DRIVER_QUEUE_SIZE;
	*written = *(volatile u32 *)(q->used + 4 + 8 * slot + 4);
	q->used_idx++;
	return 1;
}

u32 virtio_driver_request(struct virtio_driver *d, u32 q, const struct virtio_buf *bufs, u32 n)
{
	u32 written;

	/* Polled, so we ask the device not to interrupt, and leave the
	 * interrupt status alone: reading and acknowledging it would be two
	 * more device accesses per request, and on the Host each access is a
	 * trip through the Host. */
	post(d, q, bufs, n, VRING_AVAIL_F_NO_INTERRUPT);
	while (!virtio_driver_collect(d, q, &written))
		;
	return written;
}

void virtio_driver_ack_interrupt(struct virtio_driver *d)
{
	wr(d, VIRTIO_MMIO_INTERRUPT_ACK, rd(d, VIRTIO_MMIO_INTERRUPT_STATUS));
}

u32 virtio_driver_config32(struct virtio_driver *d, u32 offset)
{
	return rd(d, VIRTIO_MMIO_CONFIG + offset);
}
