/*
 * virtio 1.x as the Guest sees it: devices on the virtio-mmio transport,
 * with split virtqueues.  These are the standard's numbers (virtio 1.1,
 * sections 2.6 and 4.2), spelled out here so neither kernel needs another
 * header: the Guest's drivers, the Host's device models and the Host's own
 * driver for the machine's devices all use them.
 */
#ifndef LGUEST_VIRTIO_H
#define LGUEST_VIRTIO_H

#include <lguest/types.h>

/* Device types. */
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3
#define VIRTIO_ID_RNG		4

/* The virtio-mmio register file (offsets into the device's window). */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000	/* "virt" */
#define VIRTIO_MMIO_VERSION		0x004	/* 2: virtio 1.x */
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_VENDOR_ID		0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW	0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW	0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH	0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc
#define VIRTIO_MMIO_CONFIG		0x100

#define VIRTIO_MMIO_MAGIC		0x74726976u	/* "virt", little-endian */
#define VIRTIO_MMIO_INT_VRING		1u	/* a used buffer was added */
#define VIRTIO_MMIO_INT_CONFIG		2u

/* Device status bits, set by the driver in this order. */
#define VIRTIO_STATUS_ACKNOWLEDGE	1u
#define VIRTIO_STATUS_DRIVER		2u
#define VIRTIO_STATUS_DRIVER_OK		4u
#define VIRTIO_STATUS_FEATURES_OK	8u
#define VIRTIO_STATUS_NEEDS_RESET	64u
#define VIRTIO_STATUS_FAILED		128u

/* Feature bits we use (bit numbers). */
#define VIRTIO_F_VERSION_1		32
#define VIRTIO_BLK_F_RO			5
#define VIRTIO_BLK_F_FLUSH		9

/* A split virtqueue's three parts, in Guest-physical memory. */
#define VRING_DESC_F_NEXT	1u	/* the chain goes on at .next */
#define VRING_DESC_F_WRITE	2u	/* the device writes this buffer */
#define VRING_DESC_F_INDIRECT	4u	/* the buffer is a table of descriptors */
/* In the available ring's flags: the driver polls this queue, so the
 * device need not interrupt it when it uses a buffer. */
#define VRING_AVAIL_F_NO_INTERRUPT 1u

struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;
	u16 ring[];
};

struct vring_used_elem {
	u32 id;		/* the head of the chain */
	u32 len;	/* bytes the device wrote */
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[];
};

/* virtio-blk requests: a header, the data, and a status byte. */
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_T_GET_ID	8

#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

#define VIRTIO_BLK_SECTOR_SIZE	512

struct virtio_blk_req_header {
	u32 type;
	u32 reserved;
	u64 sector;
};

#endif
