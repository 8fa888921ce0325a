/* host/launcher/virtio_mmio_dev.c: the register file and the handshake. */
#include <stdlib.h>
#include <lguest/virtio.h>
#include "check.h"
#include "../../host/launcher/virtio_mmio_dev.h"

#define MEM 65536u

static int notified = -1;
static u8 config[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

static u32 cfg_read(struct virtio_dev *d, u32 off, u32 size)
{
	u32 v = 0;

	for (u32 i = 0; i < size; i++)
		v |= (u32)config[off + i] << (8 * i);
	return v;
}

static void notify(struct virtio_dev *d, u32 q) { notified = (int)q; }

static const struct virtio_dev_type test_type = {
	.name = "test", .device_id = VIRTIO_ID_BLOCK, .features = 1ull << VIRTIO_BLK_F_RO,
	.num_queues = 1, .queue_size = 16, .config_size = 8,
	.config_read = cfg_read, .notify = notify,
};

static struct virtio_dev d;
static u8 *mem;

static u32 rd(u32 off) { return virtio_mmio_read(&d, off, 4); }
static void wr(u32 off, u32 v) { virtio_mmio_write(&d, off, 4, v); }

/* The driver's side of set-up, up to DRIVER_OK, with a queue at 0x1000. */
static void set_up(u64 features)
{
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, (u32)features);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, (u32)(features >> 32));
	wr(VIRTIO_MMIO_STATUS, 11);
	wr(VIRTIO_MMIO_QUEUE_SEL, 0);
	wr(VIRTIO_MMIO_QUEUE_NUM, 8);
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, 0x1000);
	wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, 0x2000);
	wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, 0x3000);
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	wr(VIRTIO_MMIO_STATUS, 15);
}

int main(void)
{
	const u64 v1 = 1ull << VIRTIO_F_VERSION_1;

	mem = calloc(1, MEM);
	virtio_dev_init(&d, &test_type, NULL, mem, MEM);
	CHECK(rd(VIRTIO_MMIO_MAGIC_VALUE) == VIRTIO_MMIO_MAGIC, "the magic value reads \"virt\"");
	CHECK(rd(VIRTIO_MMIO_VERSION) == 2, "version 2: virtio 1.x");
	CHECK(rd(VIRTIO_MMIO_DEVICE_ID) == VIRTIO_ID_BLOCK, "the device id");
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	CHECK(rd(VIRTIO_MMIO_DEVICE_FEATURES) == 1u << VIRTIO_BLK_F_RO, "features, low half");
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	CHECK(rd(VIRTIO_MMIO_DEVICE_FEATURES) == 1, "features, high half: VERSION_1");
	CHECK(virtio_mmio_read(&d, VIRTIO_MMIO_MAGIC_VALUE, 2) == 0, "a 16-bit register read reads 0");
	CHECK(virtio_mmio_read(&d, VIRTIO_MMIO_CONFIG + 2, 2) == 0x0403, "a config read");
	CHECK(virtio_mmio_read(&d, VIRTIO_MMIO_CONFIG + 6, 4) == 0, "a config read past the end reads 0");
	CHECK(virtio_mmio_read(&d, VIRTIO_MMIO_CONFIG + 7, 1) == 8, "the last config byte");

	set_up(v1 | (1ull << VIRTIO_BLK_F_RO));
	CHECK(rd(VIRTIO_MMIO_STATUS) == 15 && !d.broken, "the handshake reaches DRIVER_OK");
	CHECK(virtio_queue_live(&d, 0) && !virtio_queue_live(&d, 1), "queue 0 is live, queue 1 is not");
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(notified == 0, "a notify reaches the device");
	notified = -1;
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 5);
	CHECK(notified == -1, "a notify for a queue we lack is dropped");
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, 0x5000);
	CHECK(d.vq[0].desc == 0x1000, "a ready queue's rings cannot move");

	set_up(1ull << VIRTIO_BLK_F_RO);
	CHECK(!(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK), "no VERSION_1: FEATURES_OK stays clear");
	CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, "and DRIVER_OK on top of that needs a reset");
	notified = -1;
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	CHECK(notified == -1, "a device needing reset serves nothing");
	set_up(v1 | (1ull << 40));
	CHECK(!(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK), "a feature not offered: FEATURES_OK stays clear");

	wr(VIRTIO_MMIO_STATUS, 0);
	CHECK(rd(VIRTIO_MMIO_STATUS) == 0 && !d.vq_ready[0], "0 resets the device and its queues");
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_DRIVER);
	CHECK(rd(VIRTIO_MMIO_STATUS) == VIRTIO_STATUS_NEEDS_RESET, "DRIVER before ACKNOWLEDGE is refused");
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER_OK);
	CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, "DRIVER_OK skipping steps is refused");
	set_up(v1);
	wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	CHECK(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, "taking bits away is refused");

	/* Bad queues kill. */
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_QUEUE_NUM, 8);
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, MEM - 16);
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	CHECK(d.broken && !d.vq_ready[0], "a queue whose table runs past memory breaks the device");
	d.broken = NULL;
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_QUEUE_NUM, 32);
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, 0x1000);
	wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, 0x2000);
	wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, 0x3000);
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	CHECK(d.broken, "a queue bigger than offered breaks the device");
	d.broken = NULL;
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_QUEUE_NUM, 8);
	wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 1);
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	CHECK(d.broken, "a ring above 4 GiB breaks the device");
	d.broken = NULL;
	wr(VIRTIO_MMIO_QUEUE_SEL, 7);
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	CHECK(!d.broken && rd(VIRTIO_MMIO_QUEUE_NUM_MAX) == 0, "a queue we lack reads size 0 and ignores writes");

	d.interrupt_status = 3;
	wr(VIRTIO_MMIO_INTERRUPT_ACK, 1);
	CHECK(rd(VIRTIO_MMIO_INTERRUPT_STATUS) == 2, "acknowledging clears just those bits");
	free(mem);
	return check_done();
}
