/*
 * The virtio-mmio register file (see virtio_mmio_dev.h).
 *
 * What a driver can get wrong, and what follows:
 * - registers: an offset we do not have, or a size other than 4 outside
 *   the config space, reads 0 and writes nothing (the spec leaves such
 *   accesses undefined; ignoring them cannot hurt the Host);
 * - the status handshake: bits must be added in the spec's order
 *   (ACKNOWLEDGE, DRIVER, FEATURES_OK, DRIVER_OK) and only 0 takes them
 *   away; any other write sets NEEDS_RESET and the device serves nothing
 *   until the driver resets it: the driver is confused, not hostile;
 * - features: FEATURES_OK stays clear if the driver wants a feature we did
 *   not offer or left out VIRTIO_F_VERSION_1, as the spec says;
 * - queues: a queue made ready with rings outside Guest memory, misaligned
 *   or of a bad size marks the device broken, and the Guest is killed: no
 *   honest driver does that, and a queue we cannot use safely must never
 *   be used.
 */
#include <lguest/virtio.h>
#include "kstring.h"
#include "virtio_mmio_dev.h"

void virtio_dev_init(struct virtio_dev *d, const struct virtio_dev_type *type,
		     void *backend, u8 *mem, u32 mem_size)
{
	memset(d, 0, sizeof(*d));
	d->type = type;
	d->backend = backend;
	d->mem = mem;
	d->mem_size = mem_size;
}

static void reset(struct virtio_dev *d)
{
	d->status = 0;
	d->device_features_sel = d->driver_features_sel = 0;
	d->driver_features = 0;
	d->queue_sel = 0;
	d->interrupt_status = 0;
	memset(d->vq, 0, sizeof(d->vq));
	memset(d->vq_ready, 0, sizeof(d->vq_ready));
}

static u64 offered(const struct virtio_dev *d)
{
	return d->type->features | (1ull << VIRTIO_F_VERSION_1);
}

static struct virtqueue *selected(struct virtio_dev *d)
{
	return d->queue_sel < d->type->num_queues ? &d->vq[d->queue_sel] : NULL;
}

int virtio_queue_live(const struct virtio_dev *d, u32 q)
{
	return q < d->type->num_queues && d->vq_ready[q] &&
	       (d->status & (VIRTIO_STATUS_DRIVER_OK | VIRTIO_STATUS_NEEDS_RESET)) ==
		       VIRTIO_STATUS_DRIVER_OK;
}

u32 virtio_mmio_read(struct virtio_dev *d, u32 offset, u32 size)
{
	struct virtqueue *vq = selected(d);

	if (offset >= VIRTIO_MMIO_CONFIG) {
		u32 off = offset - VIRTIO_MMIO_CONFIG;

		if ((size != 1 && size != 2 && size != 4) || off >= d->type->config_size ||
		    size > d->type->config_size - off || !d->type->config_read)
			return 0;
		return d->type->config_read(d, off, size);
	}
	if (size != 4)
		return 0;
	switch (offset) {
	case VIRTIO_MMIO_MAGIC_VALUE: return VIRTIO_MMIO_MAGIC;
	case VIRTIO_MMIO_VERSION: return 2;
	case VIRTIO_MMIO_DEVICE_ID: return d->type->device_id;
	case VIRTIO_MMIO_VENDOR_ID: return 0x4C475354;	/* "LGST" */
	case VIRTIO_MMIO_DEVICE_FEATURES:
		return d->device_features_sel > 1 ? 0 :
		       (u32)(offered(d) >> (32 * d->device_features_sel));
	case VIRTIO_MMIO_QUEUE_NUM_MAX: return vq ? d->type->queue_size : 0;
	case VIRTIO_MMIO_QUEUE_READY: return vq ? d->vq_ready[d->queue_sel] : 0;
	case VIRTIO_MMIO_INTERRUPT_STATUS: return d->interrupt_status;
	case VIRTIO_MMIO_STATUS: return d->status;
	case VIRTIO_MMIO_CONFIG_GENERATION: return 0;
	}
	return 0;
}

/* The handshake: may the status go from d->status to v? */
static int status_step_ok(u32 old, u32 v)
{
	static const u32 order[] = { VIRTIO_STATUS_ACKNOWLEDGE, VIRTIO_STATUS_DRIVER,
				     VIRTIO_STATUS_FEATURES_OK, VIRTIO_STATUS_DRIVER_OK };
	u32 added = v & ~old;

	if (old & ~v)
		return 0;	/* only a reset takes bits away */
	added &= ~VIRTIO_STATUS_FAILED;
	/* Each added bit needs every bit before it in the order. */
	for (unsigned i = 0; i < 4; i++) {
		if (!(added & order[i]))
			continue;
		for (unsigned j = 0; j < i; j++)
			if (!(v & order[j]))
				return 0;
	}
	return !(added & ~(VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
			   VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK));
}

static void write_status(struct virtio_dev *d, u32 v)
{
	if (v == 0) {
		reset(d);
		return;
	}
	/* Features we cannot accept leave FEATURES_OK clear, which the
	 * driver reads back; then DRIVER_OK in the same write is refused. */
	if ((v & ~d->status & VIRTIO_STATUS_FEATURES_OK) &&
	    ((d->driver_features & ~offered(d)) ||
	     !(d->driver_features & (1ull << VIRTIO_F_VERSION_1))))
		v &= ~VIRTIO_STATUS_FEATURES_OK;
	if (!status_step_ok(d->status, v)) {
		d->status |= VIRTIO_STATUS_NEEDS_RESET;
		return;
	}
	d->status = v;
}

/* The low or high half of a ring address. */
static void set_half(u64 *addr, int high, u32 v)
{
	*addr = high ? (*addr & 0xFFFFFFFFull) | ((u64)v << 32)
		     : (*addr & ~0xFFFFFFFFull) | v;
}

void virtio_mmio_write(struct virtio_dev *d, u32 offset, u32 size, u32 value)
{
	struct virtqueue *vq = selected(d);
	int q_config = vq && !d->vq_ready[d->queue_sel];

	if (size != 4 || offset >= VIRTIO_MMIO_CONFIG)
		return;		/* our devices' config spaces are read-only */
	switch (offset) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL: d->device_features_sel = value; break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL: d->driver_features_sel = value; break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		if (d->driver_features_sel <= 1 && !(d->status & VIRTIO_STATUS_FEATURES_OK))
			set_half(&d->driver_features, d->driver_features_sel, value);
		break;
	case VIRTIO_MMIO_QUEUE_SEL: d->queue_sel = value; break;
	case VIRTIO_MMIO_QUEUE_NUM: if (q_config) vq->size = value; break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW: if (q_config) set_half(&vq->desc, 0, value); break;
	case VIRTIO_MMIO_QUEUE_DESC_HIGH: if (q_config) set_half(&vq->desc, 1, value); break;
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW: if (q_config) set_half(&vq->avail, 0, value); break;
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH: if (q_config) set_half(&vq->avail, 1, value); break;
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW: if (q_config) set_half(&vq->used, 0, value); break;
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH: if (q_config) set_half(&vq->used, 1, value); break;
	case VIRTIO_MMIO_QUEUE_READY:
		if (!vq)
			break;
		if (!value) {
			d->vq_ready[d->queue_sel] = 0;
			break;
		}
		if (vq->size > d->type->queue_size ||
		    vq_check_rings(vq, d->mem_size) != VQ_OK) {
			d->broken = "made a queue ready whose size or rings are bad";
			break;
		}
		vq->last_avail = vq->avail_end = vq->used_idx = 0;
		d->vq_ready[d->queue_sel] = 1;
		break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		if (virtio_queue_live(d, value))
			d->type->notify(d, value);
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK: d->interrupt_status &= ~value; break;
	case VIRTIO_MMIO_STATUS: write_status(d, value); break;
	}
}
