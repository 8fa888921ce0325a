/*
 * A Guest's block device, served by a machine's virtio-blk of its own:
 * the machine's nth disk is Guest owner[n]'s (the Host's "disks=" option),
 * or without that list the first Guest's.
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
	struct virtio_dev *dev;		/* the Guest's, or NULL: no disk */
	struct virtio_driver *machine;
	u64 capacity;		/* sectors */
	int read_only;
	/* The header and status as the machine's device sees them. */
	struct virtio_blk_req_header *hdr;
	u8 *status;
};

/* Each Guest's disk, by its number. */
static struct blk blks[LGUEST_MAX_GUESTS];

/* Which of the machine's disks is whose (dev_blk_owners()). */
static u8 owners[LGUEST_MAX_GUESTS];
static unsigned nowners;
static int owners_given;

void dev_blk_owners(const u8 *owner, unsigned n)
{
	memcpy(owners, owner, n);
	nowners = n;
	owners_given = 1;
}

static struct blk *blk_of(const struct virtio_dev *d)
{
	for (unsigned i = 0; i < LGUEST_MAX_GUESTS; i++)
		if (blks[i].dev == d)
			return &blks[i];
	return NULL;	/* not reached: d is a block model's */
}

static u32 blk_config_read(struct virtio_dev *d, u32 off, u32 size)
{
	u8 cfg[8];
	u32 v = 0;

	memcpy(cfg, &blk_of(d)->capacity, 8);
	for (u32 i = 0; i < size; i++)
		v |= (u32)cfg[off + i] << (8 * i);
	return v;
}

/* Serve one well-formed chain; returns the status for the Guest and sets
 * *data_in to the bytes of data it receives. */
static u8 serve(struct virtio_dev *d, const struct vq_chain *c, u32 *data_in)
{
	struct blk *b = blk_of(d);
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
		*b->hdr = h;
		bufs[n++] = (struct virtio_buf){ (u32)b->hdr, sizeof(h), 0 };
		bufs[n++] = (struct virtio_buf){ (u32)b->status, 1, 1 };
		virtio_driver_request(b->machine, 0, bufs, n);
		return *b->status;
	}
	if (h.type != VIRTIO_BLK_T_IN && h.type != VIRTIO_BLK_T_OUT)
		return VIRTIO_BLK_S_UNSUPP;
	in = h.type == VIRTIO_BLK_T_IN;
	if (in && c->readable != 1)
		return VIRTIO_BLK_S_IOERR;
	if (!in && c->readable != c->count - 1)
		return VIRTIO_BLK_S_IOERR;
	if (!in && b->read_only)
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
	if (h.sector > b->capacity || total / VIRTIO_BLK_SECTOR_SIZE > b->capacity - h.sector)
		return VIRTIO_BLK_S_IOERR;

	*b->hdr = h;
	bufs[n++] = (struct virtio_buf){ (u32)b->hdr, sizeof(h), 0 };
	for (u32 i = 1; i <= ndata; i++)
		bufs[n++] = machine_buf(d, &c->buf[i]);	/* checked: writable iff in */
	bufs[n++] = (struct virtio_buf){ (u32)b->status, 1, 1 };
	*b->status = VIRTIO_BLK_S_IOERR;
	virtio_driver_request(b->machine, 0, bufs, n);
	if (in && *b->status == VIRTIO_BLK_S_OK)
		*data_in = (u32)total;
	return *b->status;
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

static const struct virtio_dev_type blk_type_ro = {
	.name = "block", .device_id = VIRTIO_ID_BLOCK,
	.features = (1ull << VIRTIO_BLK_F_FLUSH) | (1ull << VIRTIO_BLK_F_RO),
	.num_queues = 1, .queue_size = VQ_MAX_SIZE, .config_size = 8,
	.config_read = blk_config_read, .notify = blk_notify,
};

/* The number among the machine's disks of Guest id's, or -1: none. */
static int machine_disk_of(unsigned id)
{
	if (!owners_given)
		return id == 0 ? 0 : -1;
	for (unsigned n = 0; n < nowners; n++)
		if (owners[n] == id)
			return (int)n;
	return -1;
}

int dev_blk_init(struct virtio_dev *d, struct lguest *lg)
{
	struct blk *b = &blks[lg->id];
	int n = machine_disk_of(lg->id);

	if (n < 0)
		return 0;
	b->machine = machine_virtio_find_nth(VIRTIO_ID_BLOCK, (unsigned)n,
		(1ull << VIRTIO_BLK_F_FLUSH) | (1ull << VIRTIO_BLK_F_RO));
	if (!b->machine)
		return 0;
	b->dev = d;
	b->capacity = virtio_driver_config32(b->machine, 0) |
		      (u64)virtio_driver_config32(b->machine, 4) << 32;
	b->read_only = !!(b->machine->features & (1ull << VIRTIO_BLK_F_RO));
	if (!b->hdr) {
		b->hdr = page_alloc();
		b->status = (u8 *)(b->hdr + 1);
	}
	/* A read-only disk says so to the Guest's driver too. */
	virtio_dev_init(d, b->read_only ? &blk_type_ro : &blk_type, NULL, lg->mem,
			lg->mem_size);
	return 1;
}
