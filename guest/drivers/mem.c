/*
 * The memory devices, Linux's major 1: /dev/null, /dev/zero, /dev/full,
 * /dev/random and /dev/urandom.  The random ones read the virtio entropy
 * device; a machine without one has no /dev/random or /dev/urandom (a
 * program then fails to open them rather than get bytes that are not
 * random).
 */
#include "drivers/console.h"
#include "drivers/mem.h"
#include "drivers/virtio.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kstring.h"

static long null_read(struct file *f, void *buf, u32 n)
{
	return 0;
}

static long sink_write(struct file *f, const void *buf, u32 n)
{
	return (long)n;
}

static long zero_read(struct file *f, void *buf, u32 n)
{
	memset(buf, 0, n);
	return (long)n;
}

static long full_write(struct file *f, const void *buf, u32 n)
{
	return -ENOSPC;
}

static struct virtio_driver *rng;

/* Through a kernel buffer: the device writes Guest-physical memory. */
static long random_read(struct file *f, void *buf, u32 n)
{
	static u8 bytes[256];
	u32 done = 0;

	while (done < n) {
		u32 want = n - done < sizeof(bytes) ? n - done : sizeof(bytes);
		struct virtio_buf vb = virtio_buf(bytes, want, 1);
		u32 got = virtio_driver_request(rng, 0, &vb, 1);

		if (!got)
			return done ? (long)done : -EIO;
		if (got > want)
			got = want;
		memcpy((u8 *)buf + done, bytes, got);
		done += got;
	}
	return (long)done;
}

static const struct file_ops null_ops = { .read = null_read, .write = sink_write };
static const struct file_ops zero_ops = { .read = zero_read, .write = sink_write };
static const struct file_ops full_ops = { .read = zero_read, .write = full_write };
static const struct file_ops random_ops = { .read = random_read, .write = sink_write };

static const struct chardev mem_devices[] = {
	{ "null", 0666, 1, 3, NULL, &null_ops },
	{ "zero", 0666, 1, 5, NULL, &zero_ops },
	{ "full", 0666, 1, 7, NULL, &full_ops },
};

static const struct chardev random_devices[] = {
	{ "random", 0666, 1, 8, NULL, &random_ops },
	{ "urandom", 0666, 1, 9, NULL, &random_ops },
};

void mem_devices_init(void)
{
	for (u32 i = 0; i < sizeof(mem_devices) / sizeof(mem_devices[0]); i++)
		devfs_register(&mem_devices[i]);
	rng = virtio_find(VIRTIO_ID_RNG, 0);
	if (!rng) {
		printk("[no virtio entropy device: no /dev/random, /dev/urandom]\n");
		return;
	}
	for (u32 i = 0; i < sizeof(random_devices) / sizeof(random_devices[0]); i++)
		devfs_register(&random_devices[i]);
}
