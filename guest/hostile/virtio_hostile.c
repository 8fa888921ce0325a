/*
 * Hostile Guests for the devices (tests/hostile/virtio.sh): each breaks
 * one rule of the virtqueue or the transport, and must be killed with a
 * message saying what it did, or (for a request a disk would refuse) get
 * the device's error status back.
 */
#include <lguest/virtio.h>
#include "drivers/console.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "test/test.h"
#include "drivers/virtio.h"

static u8 data[512] __attribute__((aligned(512)));
static struct virtio_blk_req_header header;
static u8 status;

/* Queue one chain on queue q by hand, as a broken driver would, and
 * notify. */
static void offer_on(struct virtio_driver *d, u32 q, u16 head)
{
	struct virtio_driver_queue *vq = &d->q[q];

	*(volatile u16 *)(vq->avail + 4 + 2 * (vq->avail_idx % VIRTIO_DRIVER_QUEUE_SIZE)) = head;
	*(volatile u16 *)(vq->avail + 2) = ++vq->avail_idx;
	*(volatile u32 *)(d->regs + VIRTIO_MMIO_QUEUE_NOTIFY) = q;
}

static void offer(struct virtio_driver *d, u16 head)
{
	offer_on(d, 0, head);
}

static struct virtio_driver *disk(void)
{
	struct virtio_driver *d = virtio_find(VIRTIO_ID_BLOCK, 0);

	if (!d)
		crash("no disk: run with --disk FILE");
	return d;
}

static void set_desc(struct virtio_driver *d, u16 i, u64 addr, u32 len, u16 flags, u16 next)
{
	d->q[0].desc[i] = (struct vring_desc){ addr, len, flags, next };
}

/* A chain whose next points back at itself. */
static void test_loop(void)
{
	struct virtio_driver *d = disk();

	set_desc(d, 0, __pa(&header), sizeof(header), VRING_DESC_F_NEXT, 0);
	printk("hostile-virtio: a descriptor chain that loops\n");
	offer(d, 0);
	crash("a looping chain was served");
}

/* A data buffer that reaches past the end of RAM. */
static void test_buffer_outside(void)
{
	struct virtio_driver *d = disk();

	header.type = VIRTIO_BLK_T_IN;
	set_desc(d, 0, __pa(&header), sizeof(header), VRING_DESC_F_NEXT, 1);
	set_desc(d, 1, boot_info->mem_size - 256, 512, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);
	set_desc(d, 2, __pa(&status), 1, VRING_DESC_F_WRITE, 0);
	printk("hostile-virtio: a buffer past the end of RAM\n");
	offer(d, 0);
	crash("a buffer outside RAM was served");
}

/* A head outside the descriptor table. */
static void test_bad_head(void)
{
	struct virtio_driver *d = disk();

	printk("hostile-virtio: a head outside the table\n");
	offer(d, 1000);
	crash("a bad head was served");
}

/* A request with no status byte to answer in. */
static void test_no_status(void)
{
	struct virtio_driver *d = disk();

	header.type = VIRTIO_BLK_T_IN;
	set_desc(d, 0, __pa(&header), sizeof(header), VRING_DESC_F_NEXT, 1);
	set_desc(d, 1, __pa(data), 512, 0, 0);
	printk("hostile-virtio: a request with no status byte\n");
	offer(d, 0);
	crash("a request without status was served");
}

/* A queue made ready with its rings beyond RAM. */
static void test_ring_outside(void)
{
	struct virtio_driver *d = disk();
	volatile u32 *r = (volatile u32 *)d->regs;

	r[VIRTIO_MMIO_QUEUE_READY / 4] = 0;
	r[VIRTIO_MMIO_QUEUE_DESC_LOW / 4] = boot_info->mem_size - 64;
	printk("hostile-virtio: a ring past the end of RAM\n");
	r[VIRTIO_MMIO_QUEUE_READY / 4] = 1;
	crash("a ring outside RAM was accepted");
}

/* Reading the sector past the disk's end: the disk says IOERR, and the
 * Guest lives. */
static void test_past_the_end(void)
{
	struct virtio_driver *d = disk();
	struct virtio_buf bufs[3] = {
		virtio_buf(&header, sizeof(header), 0),
		virtio_buf(data, sizeof(data), 1),
		virtio_buf(&status, 1, 1),
	};

	header.type = VIRTIO_BLK_T_IN;
	header.sector = virtio_driver_config32(d, 0);
	status = 0xFF;
	virtio_driver_request(d, 0, bufs, 3);
	printk("hostile-virtio: reading sector %u: status %u\n", (u32)header.sector, status);
}

/* An instruction no device access is made with: an add to a register. */
static void test_unplayable(void)
{
	struct virtio_driver *d = disk();

	printk("hostile-virtio: an add to a device register\n");
	asm volatile("addl $1, (%0)" : : "r"(d->regs + VIRTIO_MMIO_STATUS) : "memory");
	crash("an add to a device register went through");
}

/* Console output whose chain goes round the whole table and on: every
 * piece is a good buffer, and the Host must still stop. */
static void test_console_loop(void)
{
	struct virtio_driver *d = virtio_find(VIRTIO_ID_CONSOLE, 0);
	static const char dot = '.';
	const u16 n = VIRTIO_DRIVER_QUEUE_SIZE;

	if (!d)
		crash("no console device");
	printk("hostile-virtio: console output in a chain round the table\n");
	for (u16 i = 0; i < n; i++)
		d->q[1].desc[i] = (struct vring_desc){ __pa(&dot), 1, VRING_DESC_F_NEXT,
						       (u16)((i + 1) % n) };
	offer_on(d, 1, 0);
	crash("a console chain round the table was served");
}

/* LHCALL_NOTIFY names a device's queue-notify register, and nothing else:
 * not another register of a device, not an address with no device. */
static void test_notify_elsewhere(void)
{
	struct virtio_driver *d = virtio_find(VIRTIO_ID_CONSOLE, 0);
	u32 where = cmdline_number("at", 0);

	if (!d)
		crash("no console device");
	if (!where)
		where = d->notify_gpa - VIRTIO_MMIO_QUEUE_NOTIFY + VIRTIO_MMIO_STATUS;
	printk("hostile-virtio: LHCALL_NOTIFY at 0x%x\n", where);
	hcall(LHCALL_NOTIFY, where, 0, 0, 0);
	crash("LHCALL_NOTIFY at 0x%x went through", where);
}

GUEST_TEST("hostile-virtio-console-loop", test_console_loop);
GUEST_TEST("hostile-virtio-notify-elsewhere", test_notify_elsewhere);
GUEST_TEST("hostile-virtio-loop", test_loop);
GUEST_TEST("hostile-virtio-buffer-outside", test_buffer_outside);
GUEST_TEST("hostile-virtio-bad-head", test_bad_head);
GUEST_TEST("hostile-virtio-no-status", test_no_status);
GUEST_TEST("hostile-virtio-ring-outside", test_ring_outside);
GUEST_TEST("hostile-virtio-past-the-end", test_past_the_end);
GUEST_TEST("hostile-virtio-unplayable", test_unplayable);
