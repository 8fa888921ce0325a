/*
 * The virtio console: input through its receive queue (0), where a buffer
 * is posted and we halt until the device fills it; output through its
 * transmit queue (1).  The shared driver sets up queue 0; queue 1 is set up
 * here.  "test=echo" reads a line and writes it back (tests/boot/console.sh
 * types into it).
 */
#include <stdarg.h>
#include <lguest/virtio.h>
#include "console.h"
#include "format.h"
#include "mm.h"
#include "guest.h"
#include "paravirt.h"
#include "patch.h"
#include "test.h"
#include "traps.h"
#include "virtio.h"

static char rx[64], tx[256];
/* The transmit queue's rings, and where we are in them. */
static struct vring_desc *tx_desc;
static u8 *tx_avail, *tx_used;
static u16 tx_idx;

static void tx_setup(struct virtio_driver *d)
{
	volatile u32 *r = (volatile u32 *)d->regs;

	tx_desc = page_zalloc();
	tx_avail = page_zalloc();
	tx_used = page_zalloc();
	r[VIRTIO_MMIO_QUEUE_SEL / 4] = 1;
	r[VIRTIO_MMIO_QUEUE_NUM / 4] = VIRTIO_DRIVER_QUEUE_SIZE;
	r[VIRTIO_MMIO_QUEUE_DESC_LOW / 4] = __pa(tx_desc);
	r[VIRTIO_MMIO_QUEUE_DRIVER_LOW / 4] = __pa(tx_avail);
	r[VIRTIO_MMIO_QUEUE_DEVICE_LOW / 4] = __pa(tx_used);
	r[VIRTIO_MMIO_QUEUE_READY / 4] = 1;
	if (!r[VIRTIO_MMIO_QUEUE_READY / 4])
		crash("echo: the console's transmit queue would not come up");
}

/* Send len bytes of tx, and wait until the device has taken them. */
static void console_transmit(struct virtio_driver *d, u32 len)
{
	tx_desc[0] = (struct vring_desc){ __pa(tx), len, 0, 0 };
	*(volatile u16 *)(tx_avail + 4 + 2 * (tx_idx % VIRTIO_DRIVER_QUEUE_SIZE)) = 0;
	*(volatile u16 *)(tx_avail + 2) = ++tx_idx;
	*(volatile u32 *)(d->regs + VIRTIO_MMIO_QUEUE_NOTIFY) = 1;
	/* The Host takes it before the notifying store returns. */
	while (*(volatile u16 *)(tx_used + 2) != tx_idx)
		;
}

static void console_print(struct virtio_driver *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void console_print(struct virtio_driver *d, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(tx, sizeof(tx), fmt, ap);
	va_end(ap);
	console_transmit(d, n < (int)sizeof(tx) ? (u32)n : sizeof(tx) - 1);
}

/* The interrupt only has to wake the halt. */
static void console_interrupt(struct trap_frame *f)
{
}

/* Post rx for the device to fill, and wait for it: returns the bytes. */
static u32 console_receive(struct virtio_driver *d)
{
	u16 used = d->used_idx;
	u32 got;

	d->desc[0] = (struct vring_desc){ __pa(rx), sizeof(rx), VRING_DESC_F_WRITE, 0 };
	*(volatile u16 *)(d->avail + 4 + 2 * (d->avail_idx % VIRTIO_DRIVER_QUEUE_SIZE)) = 0;
	*(volatile u16 *)(d->avail + 2) = ++d->avail_idx;
	*(volatile u32 *)(d->regs + VIRTIO_MMIO_QUEUE_NOTIFY) = 0;
	for (;;) {
		pv_irq_disable();
		if (*(volatile u16 *)(d->used + 2) != used)
			break;
		pv_safe_halt();		/* the device's interrupt wakes us */
	}
	pv_irq_enable();
	got = *(volatile u32 *)(d->used + 4 + 8 * (used % VIRTIO_DRIVER_QUEUE_SIZE) + 4);
	d->used_idx++;
	return got;
}

static void test_echo(void)
{
	struct virtio_driver *d = virtio_find(VIRTIO_ID_CONSOLE, 0);
	static char line[128];
	u32 len = 0;

	if (!d)
		crash("echo: no console device");
	for (u32 i = 0; i < boot_info->device_count; i++) {
		if (boot_info->devices[i].id == VIRTIO_ID_CONSOLE) {
			lguest_data.blocked_interrupts[0] &= ~(1u << boot_info->devices[i].irq);
			set_trap_handler(FIRST_EXTERNAL_VECTOR + boot_info->devices[i].irq,
					 console_interrupt, 0);
		}
	}
	tx_setup(d);
	console_print(d, "echo: type a line\n");
	for (;;) {
		u32 n = console_receive(d);

		for (u32 i = 0; i < n; i++) {
			if (rx[i] == '\n' || rx[i] == '\r') {
				console_print(d, "echo (virtio): %.*s\n", (int)len, line);
				return;
			}
			if (len < sizeof(line))
				line[len++] = rx[i];
		}
	}
}

GUEST_TEST("echo", test_echo);
