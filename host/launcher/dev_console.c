/*
 * Each Guest's console, served by one of the machine's: QEMU's
 * virtio-console, which for the first Guest is the user's terminal (or
 * pipe) and for each other its console file, driven with the shared
 * driver.
 *
 * Output (the Guest's queue 1) goes to the machine's transmit queue as it
 * is: the Guest's buffers are machine memory at lg->mem_machine, so the
 * bytes are never copied.  Input is copied, once: the Host keeps one page
 * posted on the machine's receive queue and looks at it on its tick (every
 * 10 ms: a terminal's pace), then fills the buffers the Guest has posted
 * on its queue 0.  Lending the Guest's own buffers to the machine instead
 * would leave them in the machine's queue, still being written, after the
 * Guest is killed or resets its device: not worth it for keystrokes.
 */
#include <lguest/virtio.h>
#include "../core/lg.h"
#include "../machine/memory.h"
#include "../machine/virtio_mmio.h"
#include "console_escape.h"
#include "devices.h"
#include "kstring.h"

#define CONSOLE_RX	0
#define CONSOLE_TX	1
/* The machine writes our receive buffer in pieces of at most this. */
#define MACHINE_RX_SIZE	64u

/* Each Guest's console and the machine's console it is served from (the
 * nth Guest's from the machine's nth): nothing is shared between them.
 * pending: bytes the machine has given us that no Guest buffer has taken
 * yet.  input: the stream's escapes as they pass (the Guest decodes them;
 * the Host only notes the end of input), kept across the Guest's restarts,
 * as the machine's stream is. */
struct console_link {
	struct virtio_dev *console;
	struct lguest *guest;
	struct virtio_driver *machine;
	u8 *machine_rx;
	int machine_rx_posted;
	u8 pending[256];
	u32 npending;
	struct console_unescape input;
};
static struct console_link links[LGUEST_MAX_GUESTS];

static struct console_link *link_of(const struct virtio_dev *d)
{
	for (unsigned i = 0; i < LGUEST_MAX_GUESTS; i++)
		if (links[i].console == d)
			return &links[i];
	return NULL;	/* not reached: d is a console model's */
}

/* Post the machine's receive buffer, if what it may bring has room: until
 * then QEMU holds the bytes (and stops reading the terminal), so nothing
 * is lost however fast they come. */
static void machine_rx_post(struct console_link *l)
{
	struct virtio_buf b = { (u32)l->machine_rx, MACHINE_RX_SIZE, 1 };

	if (l->machine_rx_posted || sizeof(l->pending) - l->npending < MACHINE_RX_SIZE)
		return;
	virtio_driver_post(l->machine, CONSOLE_RX, &b, 1);
	l->machine_rx_posted = 1;
}

static void machine_rx_collect(struct console_link *l)
{
	u32 got;

	if (!l->machine_rx_posted || !virtio_driver_collect(l->machine, CONSOLE_RX, &got))
		return;
	l->machine_rx_posted = 0;
	if (got > MACHINE_RX_SIZE)
		got = MACHINE_RX_SIZE;	/* the machine's device misbehaving */
	for (u32 i = 0; i < got; i++) {
		u8 data;

		l->pending[l->npending++] = l->machine_rx[i];
		console_unescape_byte(&l->input, l->machine_rx[i], &data);
	}
	machine_rx_post(l);
}

/* Whether input can still reach the Guest: not once the stream has ended
 * and all of it is delivered.  Until then a halt may sleep for it
 * (guest_woken()); after, a halt with no clock event is a halt for ever. */
static int input_may_come(const struct console_link *l)
{
	return !l->input.ended || l->npending;
}

/* Fill the Guest's receive buffers from pending: one round, the chains
 * posted when it starts (vq_start()), and only while bytes are left. */
static void deliver(struct console_link *l)
{
	static struct vq_chain chain;
	struct virtio_dev *d = l->console;
	u8 *pending = l->pending;
	int delivered = 0;
	enum vq_error e;

	if (!l->npending || !virtio_queue_live(d, CONSOLE_RX))
		return;
	e = vq_start(&d->vq[CONSOLE_RX], d->mem);
	while (l->npending && e == VQ_OK &&
	       (e = vq_pop(&d->vq[CONSOLE_RX], d->mem, d->mem_size, &chain)) == VQ_OK) {
		u32 done = 0;

		for (u32 i = chain.readable; i < chain.count && done < l->npending; i++) {
			u32 n = chain.buf[i].len < l->npending - done ?
				chain.buf[i].len : l->npending - done;

			memcpy(chain.buf[i].data, pending + done, n);
			done += n;
		}
		memmove(pending, pending + done, l->npending - done);
		l->npending -= done;
		vq_push(&d->vq[CONSOLE_RX], d->mem, chain.head, done);
		delivered = 1;
	}
	if (e != VQ_OK && e != VQ_EMPTY) {
		d->broken = vq_error_string(e);
		kill_guest(l->guest, "virtio console device: the Guest %s", d->broken);
		return;
	}
	if (delivered) {
		machine_rx_post(l);
		device_done(d, CONSOLE_RX);
	}
}

/* The most output one chain may carry: sixteen times the Guest driver's
 * largest (a page), so no notify keeps the terminal busy for long. */
#define CONSOLE_MAX_CHAIN (16u * 4096)

/* Output: one round, the chains offered when the Guest notified
 * (vq_start()); each chain's device-readable buffers, in order, in
 * requests to the machine of as many as its queue takes.  What the Guest
 * gave us to write into means nothing.  A chain of more than
 * CONSOLE_MAX_CHAIN bytes is no honest driver's: the device is broken,
 * and nothing of it is written. */
static void transmit(struct virtio_dev *d)
{
	static struct vq_chain chain;
	static struct virtio_buf bufs[VIRTIO_DRIVER_QUEUE_SIZE];
	enum vq_error e = vq_start(&d->vq[CONSOLE_TX], d->mem);

	while (e == VQ_OK && (e = vq_pop(&d->vq[CONSOLE_TX], d->mem, d->mem_size, &chain)) == VQ_OK) {
		u64 total = 0;

		for (u32 i = 0; i < chain.readable; i++)
			total += chain.buf[i].len;
		if (total > CONSOLE_MAX_CHAIN) {
			d->broken = "sent a chain of console output over the limit of 64 KiB";
			return;
		}
		for (u32 i = 0, n = 0; i < chain.readable; i++) {
			bufs[n++] = machine_buf(d, &chain.buf[i]);
			if (n == VIRTIO_DRIVER_QUEUE_SIZE || i + 1 == chain.readable) {
				virtio_driver_request(link_of(d)->machine, CONSOLE_TX, bufs, n);
				n = 0;
			}
		}
		vq_push(&d->vq[CONSOLE_TX], d->mem, chain.head, 0);
	}
	/* Only ever from the Guest's notify: launcher_device_access() kills
	 * it for a broken queue, as for the other models. */
	if (e != VQ_EMPTY)
		d->broken = vq_error_string(e);
	device_done(d, CONSOLE_TX);
}

/* The Guest posted receive buffers (queue 0): while it has buffers
 * waiting and input may still come, a halt may sleep for input.  Or it
 * sent output (queue 1). */
static void console_notify(struct virtio_dev *d, u32 q)
{
	struct console_link *l = link_of(d);

	if (q == CONSOLE_RX) {
		l->guest->input_irq = device_irq(d);
		deliver(l);
		l->guest->awaiting_input = input_may_come(l);
	} else {
		transmit(d);
	}
}

/* On the Host's tick: every Guest's console looks for input. */
void consoles_poll(void)
{
	for (unsigned i = 0; i < LGUEST_MAX_GUESTS; i++) {
		if (!links[i].console || links[i].guest->end != GUEST_RUNNING)
			continue;
		machine_rx_collect(&links[i]);
		deliver(&links[i]);
		if (!input_may_come(&links[i]))
			links[i].guest->awaiting_input = 0;
	}
}

static const struct virtio_dev_type console_type = {
	.name = "console", .device_id = VIRTIO_ID_CONSOLE, .num_queues = 2,
	.queue_size = VQ_MAX_SIZE, .notify = console_notify,
};

int dev_console_init(struct virtio_dev *d, struct lguest *lg)
{
	struct console_link *l = &links[lg->id];

	if (!l->machine)
		l->machine = machine_virtio_find_nth(VIRTIO_ID_CONSOLE, lg->id, 0);
	if (!l->machine)
		return 0;
	if (!l->machine_rx)
		l->machine_rx = page_alloc();
	l->console = d;
	l->guest = lg;
	l->npending = 0;
	lg->awaiting_input = 0;
	machine_rx_post(l);
	virtio_dev_init(d, &console_type, NULL, lg->mem, lg->mem_size);
	return 1;
}
