/*
 * The Guest's block and entropy devices, exercised: tests/boot/virtio.sh
 * checks what reaches the disk image, what the Guest reads, and that a
 * read-only disk refuses writes.
 *
 *   test=disk-write sector=N   writes "lguest guest sector N" there
 *   test=disk-read sector=N    prints the first 32 bytes of sector N (a read
 *                              the disk refuses, past its end, is a crash)
 *   test=entropy               prints 16 random bytes
 */
#include <lguest/virtio.h>
#include "drivers/console.h"
#include "format.h"
#include "boot/guest.h"
#include "kstring.h"
#include "test/test.h"
#include "drivers/virtio.h"

static u8 sector[VIRTIO_BLK_SECTOR_SIZE] __attribute__((aligned(512)));
static struct virtio_blk_req_header header;
static u8 status;

static struct virtio_driver *disk(void)
{
	struct virtio_driver *d = virtio_find(VIRTIO_ID_BLOCK, 1ull << VIRTIO_BLK_F_RO);

	if (!d)
		crash("no disk: run with --disk FILE");
	return d;
}

/* One block request of len bytes at data: header, data, status.
 * Returns the status the disk wrote. */
static u8 block_request(u32 type, u64 sector_no, void *data, u32 len, int device_writes)
{
	struct virtio_buf bufs[3] = {
		virtio_buf(&header, sizeof(header), 0),
		virtio_buf(data, len, device_writes),
		virtio_buf(&status, 1, 1),
	};

	header.type = type;
	header.reserved = 0;
	header.sector = sector_no;
	status = 0xFF;
	virtio_driver_request(disk(), 0, bufs, 3);
	return status;
}

static void test_disk_write(void)
{
	unsigned long n = cmdline_number("sector", 1);
	u8 st;

	memset(sector, 0, sizeof(sector));
	format((char *)sector, sizeof(sector), "lguest guest sector %lu", n);
	st = block_request(VIRTIO_BLK_T_OUT, n, sector, sizeof(sector), 0);
	printk("disk-write: sector %lu status %u%s\n", n, st,
	       disk()->features & (1ull << VIRTIO_BLK_F_RO) ? " (read-only disk)" : "");
	if (st != VIRTIO_BLK_S_OK)
		crash("disk-write: the write failed with status %u", st);
}

static void test_disk_read(void)
{
	unsigned long n = cmdline_number("sector", 0);
	u8 st = block_request(VIRTIO_BLK_T_IN, n, sector, sizeof(sector), 1);
	char text[33];

	for (int i = 0; i < 32; i++)
		text[i] = sector[i] >= 32 && sector[i] < 127 ? (char)sector[i] : '.';
	text[32] = '\0';
	printk("disk-read: sector %lu status %u: %s\n", n, st, text);
	if (st != VIRTIO_BLK_S_OK)
		crash("disk-read: the read failed with status %u", st);
}

static void test_entropy(void)
{
	struct virtio_driver *rng = virtio_find(VIRTIO_ID_RNG, 0);
	static u8 bytes[16];
	struct virtio_buf buf = virtio_buf(bytes, sizeof(bytes), 1);
	u32 got;

	if (!rng)
		crash("no entropy device");
	got = virtio_driver_request(rng, 0, &buf, 1);
	printk("entropy: %u bytes:", got);
	for (u32 i = 0; i < sizeof(bytes); i++)
		printk(" %02x", bytes[i]);
	printk("\n");
}

GUEST_TEST("disk-write", test_disk_write);
GUEST_TEST("disk-read", test_disk_read);
GUEST_TEST("entropy", test_entropy);

/*
 * "test=disk-bench mb=N ios=M": N MiB written then read back in 64 KiB
 * requests, then M random 4 KiB reads; each printed as a rate from the
 * TSC (lguest_data.tsc_khz in both worlds).
 */
static u8 big[65536] __attribute__((aligned(4096)));

static void big_request(u32 type, u64 sector_no, u32 len, int device_writes)
{
	u8 st = block_request(type, sector_no, big, len, device_writes);

	if (st != VIRTIO_BLK_S_OK)
		crash("disk-bench: request at sector %llu failed with status %u", sector_no, st);
}

/* Bytes per TSC tick as KiB/s. */
static u32 kib_per_s(u64 bytes, u64 ticks)
{
	return (u32)(bytes * lguest_data.tsc_khz / ticks * 1000 / 1024);
}

static void test_disk_bench(void)
{
	u32 mb = (u32)cmdline_number("mb", 8), ios = (u32)cmdline_number("ios", 1000);
	u64 sectors = (u64)mb << 11, t0, t1, seed = 12345;
	u32 chunk = sizeof(big) / VIRTIO_BLK_SECTOR_SIZE;

	memset(big, 0x5A, sizeof(big));
	t0 = rdtsc();
	for (u64 s = 0; s < sectors; s += chunk)
		big_request(VIRTIO_BLK_T_OUT, s, sizeof(big), 0);
	t1 = rdtsc();
	printk("disk-bench: sequential write %u KiB/s\n", kib_per_s((u64)mb << 20, t1 - t0));
	t0 = rdtsc();
	for (u64 s = 0; s < sectors; s += chunk)
		big_request(VIRTIO_BLK_T_IN, s, sizeof(big), 1);
	t1 = rdtsc();
	printk("disk-bench: sequential read %u KiB/s\n", kib_per_s((u64)mb << 20, t1 - t0));
	t0 = rdtsc();
	for (u32 i = 0; i < ios; i++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		big_request(VIRTIO_BLK_T_IN, ((seed >> 33) % (sectors / 8)) * 8, 4096, 1);
	}
	t1 = rdtsc();
	printk("disk-bench: random 4 KiB reads %u IOPS\n",
	       (u32)((u64)ios * lguest_data.tsc_khz * 1000 / (t1 - t0)));
}

GUEST_TEST("disk-bench", test_disk_bench);
