/*
 * Console input through the virtio console's receive queue: a buffer is
 * posted, and we halt until the device fills it.  "test=echo" reads a line
 * and prints it back (tests/boot/console.sh types into it).
 */
#include <lguest/virtio.h>
#include "console.h"
#include "guest.h"
#include "paravirt.h"
#include "patch.h"
#include "test.h"
#include "traps.h"
#include "virtio.h"

static char rx[64];

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
	printk("echo: type a line\n");
	for (;;) {
		u32 n = console_receive(d);

		for (u32 i = 0; i < n; i++) {
			if (rx[i] == '\n' || rx[i] == '\r') {
				printk("echo: %.*s\n", (int)len, line);
				return;
			}
			if (len < sizeof(line))
				line[len++] = rx[i];
		}
	}
}

GUEST_TEST("echo", test_echo);
