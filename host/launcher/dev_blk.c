/*
 * The Guest's block device, served by the machine's virtio-blk.
 *
 * A request is a header the Guest wrote, its data buffers, and a status
 * byte for us to write.  The header and status pass through Host memory
 * (16 bytes and 1); the data goes between the machine's device and the
 * Guest's buffers directly, since Guest memory is machine memory.
 *
 * What a request can get wrong, and what follows:
 * - no writable status byte at its end: we have nowhere to say it failed,
 *   and no honest driver sends one: the Guest is killed;
 * - a header shorter than 16 bytes, data buffers facing the wrong way, a
 *   length that is not whole sectors, sectors past the end, a write to a
 *   read-only disk, more buffers than the machine's queue takes, more
 *   than BLK_MAX_REQUEST bytes in all: the request fails with
 *   VIRTIO_BLK_S_IOERR, as a disk would;
 * - a type we do not serve: VIRTIO_BLK_S_UNSUPP.
 */
#include <lguest/virtio.h>
#include "../core/lg.h"
#include "../machine/memory.h"
#include "../machine/virtio_mmio.h"
#include "devices.h"
#include "kstring.h"

/* The most one request may move: sixteen times the Guest driver's largest
 * (64 KiB), so no request keeps the machine's disk busy for long.  The sum
 * is taken in 64 bits: 32 buffers of 128 MiB are 4 GiB, 0 in 32. */
#define BLK_MAX_REQUEST (1u << 20)

struct blk {
	struct virtio_driver *machine;
	u64 capacity;		/* sectors */
	int read_only;
	/* The header and status as the machine's device sees them. */
	struct virtio_blk_req_header *hdr;
	u8 *status;
};

static struct blk blk;

static u32 blk_config_read(struct virtio_dev *d, u32 off, u32 size)
{
	u8 cfg[8];
	u32 v = 0;

	memcpy(cfg, &blk.capacity, 8);
	for (u32 i = 0; i < size; i++)
		v |= (u32)cfg[off + i] << (8 * i);
	return v;
}

/* Serve one well-formed chain; returns the status for the Guest and sets
 * *data_in to the bytes of data it receives. */
static u8 serve(struct virtio_dev *d, const struct vq_chain *c, u32 *data_in)
{
	struct virtio_blk_req_header h;
	struct virtio_buf bufs[VIRTIO_DRIVER_QUEUE_SIZE];
	u32 ndata = c->count - 2, n = 0;
	u64 total = 0;
	int in;

	*data_in = 0;
	if (c->buf[0].writable || c->buf[0].len < sizeof(h))
		return VIRTIO_BLK_S_IOERR;
	memcpy(&h, c->buf[0].data, sizeof(h));
	if (h.type == VIRTIO_BLK_T_FLUSH) {
		*blk.hdr = h;
		bufs[n++] = (struct virtio_buf){ (u32)blk.hdr, sizeof(h), 0 };
		bufs[n++] = (struct virtio_buf){ (u32)blk.status, 1, 1 };
		virtio_driver_request(blk.machine, 0, bufs, n);
		return *blk.status;
	}
	if (h.type != VIRTIO_BLK_T_IN && h.type != VIRTIO_BLK_T_OUT)
		return VIRTIO_BLK_S_UNSUPP;
	in = h.type == VIRTIO_BLK_T_IN;
	if (in && c->readable != 1)
		return VIRTIO_BLK_S_IOERR;
	if (!in && c->readable != c->count - 1)
		return VIRTIO_BLK_S_IOERR;
	if (!in && blk.read_only)
		return VIRTIO_BLK_S_IOERR;
	if (ndata == 0 || ndata > VIRTIO_DRIVER_QUEUE_SIZE - 2)
		return VIRTIO_BLK_S_IOERR;
	for (u32 i = 1; i <= ndata; i++) {
		if (c->buf[i].len % VIRTIO_BLK_SECTOR_SIZE)
			return VIRTIO_BLK_S_IOERR;
		total += c->buf[i].len;
	}
	if (total > BLK_MAX_REQUEST)
		return VIRTIO_BLK_S_IOERR;
	if (h.sector > blk.capacity || total / VIRTIO_BLK_SECTOR_SIZE > blk.capacity - h.sector)
		return VIRTIO_BLK_S_IOERR;

	*blk.hdr = h;
	bufs[n++] = (struct virtio_buf){ (u32)blk.hdr, sizeof(h), 0 };
	for (u32 i = 1; i <= ndata; i++)
		bufs[n++] = machine_buf(d, &c->buf[i]);	/* checked: writable iff in */
	bufs[n++] = (struct virtio_buf){ (u32)blk.status, 1, 1 };
	*blk.status = VIRTIO_BLK_S_IOERR;
	virtio_driver_request(blk.machine, 0, bufs, n);
	if (in && *blk.status == VIRTIO_BLK_S_OK)
		*data_in = (u32)total;
	return *blk.status;
}

/* One round: the chains offered when the Guest notified, at most a
 * queue's worth (vq_start()).  A read may overwrite its own header and the
 * rings with each sector, and offer itself again: that waits for the next
 * notify, which only the Guest can make. */
static void blk_notify(struct virtio_dev *d, u32 q)
{
	static struct vq_chain chain;
	enum vq_error e = vq_start(&d->vq[q], d->mem);

	while (e == VQ_OK && (e = vq_pop(&d->vq[q], d->mem, d->mem_size, &chain)) == VQ_OK) {
		const struct vq_buffer *st = &chain.buf[chain.count - 1];
		u32 data_in;

		if (chain.count < 2 || !st->writable) {
			d->broken = "sent a block request with no status byte";
			return;
		}
		st->data[0] = serve(d, &chain, &data_in);
		vq_push(&d->vq[q], d->mem, chain.head, data_in + 1);
	}
	if (e != VQ_EMPTY)
		d->broken = vq_error_string(e);
	device_done(d, q);
}

static const struct virtio_dev_type blk_type = {
	.name = "block", .device_id = VIRTIO_ID_BLOCK,
	.features = 1ull << VIRTIO_BLK_F_FLUSH, .num_queues = 1,
	.queue_size = VQ_MAX_SIZE, .config_size = 8,
	.config_read = blk_config_read, .notify = blk_notify,
};

static struct virtio_dev_type blk_type_ro;

int dev_blk_init(struct virtio_dev *d, struct lguest *lg)
{
	blk.machine = machine_virtio_find(VIRTIO_ID_BLOCK,
		(1ull << VIRTIO_BLK_F_FLUSH) | (1ull << VIRTIO_BLK_F_RO));
	if (!blk.machine)
		return 0;
	blk.capacity = virtio_driver_config32(blk.machine, 0) |
		       (u64)virtio_driver_config32(blk.machine, 4) << 32;
	blk.read_only = !!(blk.machine->features & (1ull << VIRTIO_BLK_F_RO));
	if (!blk.hdr) {
		blk.hdr = page_alloc();
		blk.status = (u8 *)(blk.hdr + 1);
	}
	/* A read-only disk says so to the Guest's driver too. */
	blk_type_ro = blk_type;
	if (blk.read_only)
		blk_type_ro.features |= 1ull << VIRTIO_BLK_F_RO;
	virtio_dev_init(d, &blk_type_ro, NULL, lg->mem, lg->mem_size);
	return 1;
}
