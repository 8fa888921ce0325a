/*
 * The Host testing its own drivers and checks, with no Guest:
 * "hosttest=NAME" on the Host's command line runs one of these instead of
 * booting the Guest, and tests/boot/virtio_host.sh checks what it printed
 * and what it wrote.
 */
#include <lguest/exit_status.h>
#include <lguest/virtio.h>
#include "../machine/console.h"
#include "../machine/memory.h"
#include "../machine/virtio_mmio.h"
#include "../core/lg.h"
#include "hosttest.h"
#include "kstring.h"

static void print_hex(const char *what, const u8 *p, u32 n)
{
	char line[100];
	u32 k = 0;

	for (u32 i = 0; i < n && k + 3 < sizeof(line); i++) {
		line[k++] = "0123456789abcdef"[p[i] >> 4];
		line[k++] = "0123456789abcdef"[p[i] & 15];
	}
	line[k] = '\0';
	host_log("hosttest: %s %s", what, line);
}

/* One block request: header, data, status. */
static u8 blk_request(struct virtio_driver *blk, u32 type, u64 sector, u8 *data, u32 len)
{
	struct virtio_blk_req_header *h = page_alloc();
	u8 *status = (u8 *)(h + 1);
	struct virtio_buf bufs[3] = {
		{ (u32)h, sizeof(*h), 0 },
		{ (u32)data, len, type == VIRTIO_BLK_T_IN },
		{ (u32)status, 1, 1 },
	};

	h->type = type;
	h->sector = sector;
	*status = 0xFF;
	if (len)
		virtio_driver_request(blk, 0, bufs, 3);
	else
		virtio_driver_request(blk, 0, (struct virtio_buf[]){ bufs[0], bufs[2] }, 2);
	return *status;
}

/* Read sector 0 and print it; write "lguest host was here" to sector 1. */
static void test_blk(void)
{
	struct virtio_driver *blk = machine_virtio_find(VIRTIO_ID_BLOCK,
		(1ull << VIRTIO_BLK_F_FLUSH) | (1ull << VIRTIO_BLK_F_RO));
	u8 *buf = page_alloc();
	u8 st;

	if (!blk)
		panic("hosttest: no virtio-blk device");
	host_log("hosttest: capacity %u sectors", virtio_driver_config32(blk, 0));
	st = blk_request(blk, VIRTIO_BLK_T_IN, 0, buf, 512);
	print_hex("sector 0:", buf, 16);
	host_log("hosttest: read status %u", st);
	memset(buf, 0, 512);
	memcpy(buf, "lguest host was here", 20);
	st = blk_request(blk, VIRTIO_BLK_T_OUT, 1, buf, 512);
	host_log("hosttest: write status %u", st);
	st = blk_request(blk, VIRTIO_BLK_T_FLUSH, 0, buf, 0);
	host_log("hosttest: flush status %u", st);
}

static void test_rng(void)
{
	struct virtio_driver *rng = machine_virtio_find(VIRTIO_ID_RNG, 0);
	u8 *buf = page_alloc();
	u32 got;

	if (!rng)
		panic("hosttest: no virtio-rng device");
	got = virtio_driver_request(rng, 0, (struct virtio_buf[]){ { (u32)buf, 16, 1 } }, 1);
	host_log("hosttest: %u random bytes", got);
	print_hex("random:", buf, 16);
}

/* The invariants check (host/core/invariants.c) sees a changed byte of
 * the Host's image, at its start and in its odd last bytes, and a changed
 * word of a guard page; and nothing when all is put back. */
extern const char host_start[], rodata_end[];

static void report_invariants(const char *after)
{
	const char *broken = invariants_broken();

	host_log("hosttest: after %s: %s", after, broken ? broken : "none broken");
}

static void flip(volatile u8 *p, const char *what)
{
	*p ^= 0x40;
	report_invariants(what);
	*p ^= 0x40;
}

static void test_invariants(void)
{
	u32 *guard_below = page_alloc(), *guard_above = page_alloc();

	invariants_record(page_alloc(), guard_below, guard_above);
	report_invariants("recording");
	flip((volatile u8 *)host_start + 0x10, "a flipped code byte");
	flip((volatile u8 *)((u32)rodata_end - 1), "a flipped last byte");
	report_invariants("putting them back");
	guard_above[100] ^= 1;
	report_invariants("a changed guard word");
	guard_above[100] ^= 1;
}

/*
 * The Switcher's failsafe (switcher.S): the Host checks every selector the
 * Switcher loads, so no Guest can make it fault on its way in.  This test
 * makes it, the way only a Host bug could: the checks are told the
 * selectors passed, and %gs names an entry past the end of the GDT.  The
 * "pop %gs" at ring 0 faults; the run must end with the Guest killed, the
 * fault named, not loop re-entering on the same registers.
 */
static void switcher_fault(struct lguest *lg)
{
	struct lguest_regs *r = lg->regs;

	lg->seg_check = (struct seg_check){ r->cs, r->ss, 0xFFFFFFFF, 0 };
	r->gs = 0xFFF8;
	host_log("hosttest: entering the Guest with %%gs 0x%x", r->gs);
}

int hosttest_needs_guest(const char *name)
{
	return !strcmp(name, "switcher-fault");
}

void hosttest_guest_booted(const char *name, struct lguest *lg)
{
	if (!strcmp(name, "switcher-fault"))
		switcher_fault(lg);
}

void run_hosttest(const char *name)
{
	if (!strcmp(name, "blk"))
		test_blk();
	else if (!strcmp(name, "rng"))
		test_rng();
	else if (!strcmp(name, "invariants"))
		test_invariants();
	else
		panic("hosttest: no test called \"%s\"", name);
	machine_exit(0);
}
