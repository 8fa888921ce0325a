/* The Host's driver for the machine's virtio-mmio devices: virtio_mmio.h. */
#include <lguest/virtio.h>
#include "console.h"
#include "memory.h"
#include "paging.h"
#include "virtio_mmio.h"

#define MICROVM_VIRTIO_BASE	0xFEB00000u
#define MICROVM_VIRTIO_SLOTS	24
#define MICROVM_VIRTIO_STRIDE	0x200u

struct vring_desc_host {
	u64 addr;
	u32 len;
	u16 flags, next;
};

static struct machine_virtio devices[4];
static unsigned ndevices;
static int mapped;

static u32 rd(struct machine_virtio *d, u32 off) { return *(volatile u32 *)(d->regs + off); }
static void wr(struct machine_virtio *d, u32 off, u32 v) { *(volatile u32 *)(d->regs + off) = v; }

/* The device's side and ours of one page each; the compiler must not keep
 * their contents in registers across the device's work. */
static inline void barrier(void) { asm volatile("" : : : "memory"); }

static int set_up(struct machine_virtio *d, u64 wanted)
{
	u64 offered;

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
	if (!(rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK))
		return -1;

	wr(d, VIRTIO_MMIO_QUEUE_SEL, 0);
	if (rd(d, VIRTIO_MMIO_QUEUE_NUM_MAX) < MACHINE_VQ_SIZE)
		return -1;
	d->desc = page_alloc();
	d->avail = page_alloc();
	d->used = page_alloc();
	wr(d, VIRTIO_MMIO_QUEUE_NUM, MACHINE_VQ_SIZE);
	wr(d, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)d->desc);
	wr(d, VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (u32)d->avail);
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (u32)d->used);
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
	wr(d, VIRTIO_MMIO_QUEUE_READY, 1);
	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
				  VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK);
	return 0;
}

struct machine_virtio *machine_virtio_find(u32 device_id, u64 wanted)
{
	if (!mapped) {
		paging_map_device(MICROVM_VIRTIO_BASE);
		mapped = 1;
	}
	for (unsigned i = 0; i < ndevices; i++)
		if (devices[i].device_id == device_id)
			return &devices[i];
	for (unsigned slot = 0; slot < MICROVM_VIRTIO_SLOTS && ndevices < 4; slot++) {
		struct machine_virtio *d = &devices[ndevices];

		d->regs = (volatile u8 *)(MICROVM_VIRTIO_BASE + slot * MICROVM_VIRTIO_STRIDE);
		if (rd(d, VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC ||
		    rd(d, VIRTIO_MMIO_DEVICE_ID) != device_id)
			continue;
		if (rd(d, VIRTIO_MMIO_VERSION) != 2) {
			host_log("the machine's virtio device %u is legacy (QEMU needs "
				 "-global virtio-mmio.force-legacy=false)", device_id);
			return NULL;
		}
		d->device_id = device_id;
		if (set_up(d, wanted) < 0) {
			host_log("the machine's virtio device %u would not set up", device_id);
			return NULL;
		}
		host_debug("machine virtio device %u at 0x%x", device_id, (u32)d->regs);
		ndevices++;
		return d;
	}
	return NULL;
}

u32 machine_virtio_request(struct machine_virtio *d, const struct machine_buf *bufs, u32 n)
{
	u16 head = 0, slot;
	u32 written;

	if (n == 0 || n > MACHINE_VQ_SIZE)
		panic("a machine virtio request of %u buffers", n);
	/* One request at a time: it always starts at descriptor 0. */
	for (u32 i = 0; i < n; i++) {
		d->desc[i].addr = bufs[i].addr;
		d->desc[i].len = bufs[i].len;
		d->desc[i].flags = (bufs[i].device_writes ? VRING_DESC_F_WRITE : 0) |
				   (i + 1 < n ? VRING_DESC_F_NEXT : 0);
		d->desc[i].next = (u16)(i + 1);
	}
	slot = d->avail_idx % MACHINE_VQ_SIZE;
	*(volatile u16 *)(d->avail + 4 + 2 * slot) = head;
	barrier();
	*(volatile u16 *)(d->avail + 2) = ++d->avail_idx;
	barrier();
	wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	while (*(volatile u16 *)(d->used + 2) == d->used_idx)
		;
	barrier();
	slot = d->used_idx % MACHINE_VQ_SIZE;
	written = *(volatile u32 *)(d->used + 4 + 8 * slot + 4);
	d->used_idx++;
	/* We poll: acknowledge what the device raised. */
	wr(d, VIRTIO_MMIO_INTERRUPT_ACK, rd(d, VIRTIO_MMIO_INTERRUPT_STATUS));
	return written;
}

u32 machine_virtio_config32(struct machine_virtio *d, u32 offset)
{
	return rd(d, VIRTIO_MMIO_CONFIG + offset);
}
