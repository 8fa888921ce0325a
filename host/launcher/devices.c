/*
 * Each Guest's devices (see devices.h): its disk if it has one, entropy
 * (the machine's one source, shared: each request is served whole before
 * the next) and its console.  A device's window is one page at
 * a Guest-physical address just above its RAM.  The Guest maps it like any
 * page, but the Host never puts it in the shadow tables, so every load and
 * store there faults; core.c decodes the instruction and comes here.
 */
#include <lguest/virtio.h>
#include "../core/lg.h"
#include "../machine/console.h"
#include "devices.h"

struct guest_device {
	struct virtio_dev dev;
	struct lguest *lg;	/* whose it is */
	u32 gpa, irq;
};

/* A Guest's devices are its own: no Guest reaches another's. */
static struct guest_devices {
	struct guest_device dev[LGUEST_MAX_DEVICES];
	u32 count;
} guest_devices[LGUEST_MAX_GUESTS];

static u32 window_base(const struct lguest *lg)
{
	return (lg->mem_size + LGUEST_DEVICE_WINDOW - 1) & ~(LGUEST_DEVICE_WINDOW - 1);
}

static int devices_window(const struct lguest *lg, u32 gpa)
{
	u32 base = window_base(lg);

	return gpa >= base && gpa - base < guest_devices[lg->id].count * LGUEST_DEVICE_WINDOW;
}

void devices_init(struct lguest *lg, struct lguest_device *list, u32 *count)
{
	int (*const models[])(struct virtio_dev *, struct lguest *) = {
		dev_blk_init, dev_rng_init, dev_console_init,
	};
	struct guest_devices *set = &guest_devices[lg->id];
	u32 ndevices = 0;

	for (unsigned m = 0; m < sizeof(models) / sizeof(models[0]); m++) {
		struct guest_device *g = &set->dev[ndevices];

		g->lg = lg;

		if (!models[m](&g->dev, lg))
			continue;
		g->gpa = window_base(lg) + ndevices * LGUEST_DEVICE_WINDOW;
		/* Interrupt 0 is the Guest's timer: devices from 1. */
		g->irq = 1 + ndevices;
		list[ndevices] = (struct lguest_device){ g->gpa, g->irq, g->dev.type->device_id };
		host_debug("Guest device %s at 0x%x, interrupt %u", g->dev.type->name,
			   g->gpa, g->irq);
		ndevices++;
	}
	set->count = ndevices;
	*count = ndevices;
	lg->device_base = window_base(lg);
	lg->device_size = ndevices * LGUEST_DEVICE_WINDOW;
}

int launcher_device_access(struct lguest *lg, u32 gpa, int write, u32 size, u32 *value)
{
	struct guest_device *g;
	u32 off;

	if (!devices_window(lg, gpa)) {
		kill_guest(lg, "access to 0x%x, where it has no device", gpa);
		return 0;
	}
	g = &guest_devices[lg->id].dev[(gpa - window_base(lg)) / LGUEST_DEVICE_WINDOW];
	off = gpa - g->gpa;
	if (write)
		virtio_mmio_write(&g->dev, off, size, *value);
	else
		*value = virtio_mmio_read(&g->dev, off, size);
	if (g->dev.broken)
		kill_guest(lg, "virtio %s device: the Guest %s", g->dev.type->name,
			   g->dev.broken);
	return 1;
}

struct virtio_buf machine_buf(const struct virtio_dev *d, const struct vq_buffer *b)
{
	const struct guest_device *g = (const struct guest_device *)d;

	return (struct virtio_buf){ g->lg->mem_machine + (u32)(b->data - d->mem),
				    b->len, b->writable };
}

u32 device_irq(const struct virtio_dev *d)
{
	return ((const struct guest_device *)d)->irq;
}

void device_done(struct virtio_dev *d, u32 q)
{
	struct guest_device *g = (struct guest_device *)d;

	if (d->broken || !vq_wants_interrupt(&d->vq[q], d->mem))
		return;
	d->interrupt_status |= VIRTIO_MMIO_INT_VRING;
	lguest_send_interrupt(g->lg, g->irq);
}
