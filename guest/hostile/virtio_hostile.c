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
#include "mm/mm.h"

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

/*
 * A read that feeds itself.  Queue 0 is made again, of size 4, in one page:
 * the avail ring at its start, the request's header 16 bytes in, and the
 * read's 512-byte data buffer over both.  The disk (tests/hostile/virtio.sh
 * writes it) holds in sector s a new avail index (s + 2) and a new header
 * asking for sector s + 1: each sector read offers the same request again.
 * A Host that read avail->idx afresh for each chain served for ever; one
 * notify must serve what was offered when it came, and no more.
 */
static u8 feed_page[4096] __attribute__((aligned(4096)));

static void test_self_feeding(void)
{
	struct virtio_driver *d = disk();
	volatile u32 *r = (volatile u32 *)d->regs;
	u32 pa = __pa(feed_page);
	volatile u16 *avail = (volatile u16 *)feed_page;
	volatile u16 *used = (volatile u16 *)(feed_page + 1024);
	struct virtio_blk_req_header *h = (void *)(feed_page + 16);
	struct vring_desc *desc = (void *)(feed_page + 512);

	r[VIRTIO_MMIO_QUEUE_SEL / 4] = 0;
	r[VIRTIO_MMIO_QUEUE_READY / 4] = 0;
	r[VIRTIO_MMIO_QUEUE_NUM / 4] = 4;
	r[VIRTIO_MMIO_QUEUE_DESC_LOW / 4] = pa + 512;
	r[VIRTIO_MMIO_QUEUE_DRIVER_LOW / 4] = pa;
	r[VIRTIO_MMIO_QUEUE_DEVICE_LOW / 4] = pa + 1024;
	r[VIRTIO_MMIO_QUEUE_READY / 4] = 1;
	*h = (struct virtio_blk_req_header){ VIRTIO_BLK_T_IN, 0, 0 };
	desc[0] = (struct vring_desc){ pa + 16, sizeof(*h), VRING_DESC_F_NEXT, 1 };
	desc[1] = (struct vring_desc){ pa, 512, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2 };
	desc[2] = (struct vring_desc){ pa + 2048, 1, VRING_DESC_F_WRITE, 0 };
	avail[0] = VRING_AVAIL_F_NO_INTERRUPT;
	avail[2] = 0;
	avail[1] = 1;
	printk("hostile-virtio: a read that offers itself again with every sector\n");
	r[VIRTIO_MMIO_QUEUE_NOTIFY / 4] = 0;
	printk("hostile-virtio: one notify served %u request(s); avail index now %u\n",
	       used[1], avail[1]);
}

/* A read of 32 buffers of 128 MiB and one of 512 bytes: 4 GiB and 512
 * bytes in all, which a 32-bit sum takes for 512.  The disk must refuse
 * it (and touch none of them).  Needs --mem 128M. */
static void test_length_wraps(void)
{
	struct virtio_driver *d = disk();
	const u32 big = 128u << 20;
	u16 i = 0;

	if (boot_info->mem_size < big)
		crash("hostile-virtio-length-wraps: run with --mem 128M");
	header = (struct virtio_blk_req_header){ VIRTIO_BLK_T_IN, 0, 0 };
	status = 0xFF;
	set_desc(d, i, __pa(&header), sizeof(header), VRING_DESC_F_NEXT, i + 1);
	for (i = 1; i <= 32; i++)
		set_desc(d, i, 0, big, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, i + 1);
	set_desc(d, i, __pa(data), 512, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, i + 1);
	i++;
	set_desc(d, i, __pa(&status), 1, VRING_DESC_F_WRITE, 0);
	printk("hostile-virtio: a read into 32 buffers of 128 MiB and one of 512 bytes\n");
	offer(d, 0);
	printk("hostile-virtio: 4 GiB and 512 bytes in one request: status %u\n", status);
}

/* Console output of 17 pages in one chain: over the 64 KiB a chain may
 * carry. */
static void test_console_big(void)
{
	struct virtio_driver *d = virtio_find(VIRTIO_ID_CONSOLE, 0);
	u16 i;

	if (!d)
		crash("no console device");
	/* Descriptors 32-48: our own printk uses the first. */
	for (i = 32; i < 49; i++)
		d->q[1].desc[i] = (struct vring_desc){ 0x100000, 4096,
						       i < 48 ? VRING_DESC_F_NEXT : 0, i + 1 };
	printk("hostile-virtio: console output of 17 pages in one chain\n");
	offer_on(d, 1, 32);
	crash("a chain of 68 KiB of console output was served");
}

/* Entropy: one chain asking for 16 MiB, from a page of ours on (what lies
 * past the page is not the device's to write).  It gets a page's worth. */
static void test_rng_big(void)
{
	struct virtio_driver *d = virtio_find(VIRTIO_ID_RNG, 0);
	volatile u8 *used;

	if (!d)
		crash("no entropy device");
	/* A page of ours, and the 16 MiB from it (or what there is). */
	u32 pa = frame_alloc(), len = 16u << 20;

	if (len > boot_info->mem_size - pa)
		len = boot_info->mem_size - pa;
	used = d->q[0].used;
	d->q[0].desc[0] = (struct vring_desc){ pa, len, VRING_DESC_F_WRITE, 0 };
	printk("hostile-virtio: 16 MiB of entropy in one buffer\n");
	offer_on(d, 0, 0);
	printk("hostile-virtio: the entropy device wrote %u bytes\n",
	       *(volatile u32 *)(used + 4 + 8 * ((*(volatile u16 *)(used + 2) - 1) % VIRTIO_DRIVER_QUEUE_SIZE) + 4));
}

GUEST_TEST("hostile-virtio-self-feeding", test_self_feeding);
GUEST_TEST("hostile-virtio-length-wraps", test_length_wraps);
GUEST_TEST("hostile-virtio-console-big", test_console_big);
GUEST_TEST("hostile-virtio-rng-big", test_rng_big);
GUEST_TEST("hostile-virtio-console-loop", test_console_loop);
GUEST_TEST("hostile-virtio-notify-elsewhere", test_notify_elsewhere);
GUEST_TEST("hostile-virtio-loop", test_loop);
GUEST_TEST("hostile-virtio-buffer-outside", test_buffer_outside);
GUEST_TEST("hostile-virtio-bad-head", test_bad_head);
GUEST_TEST("hostile-virtio-no-status", test_no_status);
GUEST_TEST("hostile-virtio-ring-outside", test_ring_outside);
GUEST_TEST("hostile-virtio-past-the-end", test_past_the_end);
GUEST_TEST("hostile-virtio-unplayable", test_unplayable);
