/*
 * The Guest's entropy device, served by the machine's: the Guest's buffers
 * go to the machine's device as they are (its memory is machine memory at
 * lg->mem_machine), so the bytes are written once, where the Guest wants
 * them.  Device-readable buffers have no meaning here and are skipped.
 * A chain gets at most RNG_MAX_REQUEST bytes, in its first buffers: an
 * entropy device may give fewer than asked, and says how many.
 */
#include <lguest/virtio.h>
#include "../core/lg.h"
#include "../machine/virtio_mmio.h"
#include "devices.h"

#define RNG_MAX_REQUEST 4096u

static struct virtio_driver *machine_rng;

/* One round: the chains offered when the Guest notified (vq_start()). */
static void rng_notify(struct virtio_dev *d, u32 q)
{
	static struct vq_chain chain;
	enum vq_error e = vq_start(&d->vq[q], d->mem);

	while (e == VQ_OK && (e = vq_pop(&d->vq[q], d->mem, d->mem_size, &chain)) == VQ_OK) {
		struct virtio_buf bufs[VIRTIO_DRIVER_QUEUE_SIZE];
		u32 n = 0, written = 0, room = RNG_MAX_REQUEST;

		for (u32 i = chain.readable; i < chain.count && n < VIRTIO_DRIVER_QUEUE_SIZE &&
					     room; i++) {
			bufs[n] = machine_buf(d, &chain.buf[i]);
			if (bufs[n].len > room)
				bufs[n].len = room;
			room -= bufs[n++].len;
		}
		if (n)
			written = virtio_driver_request(machine_rng, 0, bufs, n);
		vq_push(&d->vq[q], d->mem, chain.head, written);
	}
	if (e != VQ_EMPTY)
		d->broken = vq_error_string(e);
	device_done(d, q);
}

static const struct virtio_dev_type rng_type = {
	.name = "entropy", .device_id = VIRTIO_ID_RNG, .num_queues = 1,
	.queue_size = VQ_MAX_SIZE, .notify = rng_notify,
};

int dev_rng_init(struct virtio_dev *d, struct lguest *lg)
{
	machine_rng = machine_virtio_find(VIRTIO_ID_RNG, 0);
	if (!machine_rng)
		return 0;
	virtio_dev_init(d, &rng_type, NULL, lg->mem, lg->mem_size);
	return 1;
}
