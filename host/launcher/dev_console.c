/*
 * The Guest's console device: virtio-console's receive queue (0), fed
 * from the machine's serial line, which is the user's terminal (or pipe).
 * The Host polls the line on its tick (every 10 ms: a terminal's pace) and
 * fills the buffers the Guest has posted.  Output comes on the transmit
 * queue (1) and goes to the same line, as LHCALL_CONSOLE_WRITE's does
 * (which the Guest still uses before its driver is up).
 */
#include <lguest/virtio.h>
#include "../core/lg.h"
#include "../machine/console.h"
#include "devices.h"

static struct virtio_dev *console;
static struct lguest *console_guest;

/* Bytes the line has given us that no buffer has taken yet. */
static char pending[256];
static u32 npending;

static void deliver(struct virtio_dev *d)
{
	static struct vq_chain chain;
	int delivered = 0;

	while (npending && virtio_queue_live(d, 0)) {
		enum vq_error e = vq_pop(&d->vq[0], d->mem, d->mem_size, &chain);
		u32 done = 0;

		if (e == VQ_EMPTY)
			break;
		if (e != VQ_OK) {
			d->broken = vq_error_string(e);
			kill_guest(console_guest, "virtio console device: the Guest %s", d->broken);
			return;
		}
		for (u32 i = chain.readable; i < chain.count && done < npending; i++) {
			u32 n = chain.buf[i].len < npending - done ? chain.buf[i].len : npending - done;

			for (u32 k = 0; k < n; k++)
				chain.buf[i].data[k] = (u8)pending[done + k];
			done += n;
		}
		for (u32 k = done; k < npending; k++)
			pending[k - done] = pending[k];
		npending -= done;
		vq_push(&d->vq[0], d->mem, chain.head, done);
		delivered = 1;
	}
	if (delivered)
		device_done(d);
}

/* Output: every device-readable buffer goes to the line, as it is. */
static void transmit(struct virtio_dev *d)
{
	static struct vq_chain chain;
	enum vq_error e;

	while ((e = vq_pop(&d->vq[1], d->mem, d->mem_size, &chain)) == VQ_OK) {
		for (u32 i = 0; i < chain.readable; i++)
			guest_console_write((const char *)chain.buf[i].data, chain.buf[i].len);
		vq_push(&d->vq[1], d->mem, chain.head, 0);
	}
	if (e != VQ_EMPTY) {
		d->broken = vq_error_string(e);
		kill_guest(console_guest, "virtio console device: the Guest %s", d->broken);
	}
}

/* The Guest posted receive buffers (queue 0): while it has buffers
 * waiting, a halt may sleep for input.  Or it sent output (queue 1). */
static void console_notify(struct virtio_dev *d, u32 q)
{
	if (q == 0) {
		console_guest->awaiting_input = 1;
		deliver(d);
	} else {
		transmit(d);
	}
}

void launcher_poll(struct lguest *lg)
{
	int c;

	if (!console)
		return;
	while (npending < sizeof(pending) && (c = uart_read()) >= 0)
		pending[npending++] = (char)c;
	deliver(console);
}

static const struct virtio_dev_type console_type = {
	.name = "console", .device_id = VIRTIO_ID_CONSOLE, .num_queues = 2,
	.queue_size = VQ_MAX_SIZE, .notify = console_notify,
};

int dev_console_init(struct virtio_dev *d, struct lguest *lg)
{
	console = d;
	console_guest = lg;
	npending = 0;
	lg->awaiting_input = 0;
	virtio_dev_init(d, &console_type, NULL, lg->mem, lg->mem_size);
	return 1;
}
