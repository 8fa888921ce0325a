/*
 * host/core/hypercalls.c: the calls a Guest cannot test on itself, because
 * its own boot makes them first (LHCALL_LGUEST_INIT with a bad page, calls
 * before it), and the async ring's bounds.  The calls the other files
 * carry out are stubs that count.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "../../host/core/lg.h"

static unsigned ts_calls, console_bytes;

void guest_console_write(struct lguest *l, const char *buf, u32 len) { console_bytes += len; }
void guest_set_ts(struct lguest *l, u32 on) { ts_calls++; }
void guest_new_pagetable(struct lguest *l, u32 g) {}
void guest_flush_tlb(struct lguest *l, u32 a) {}
void load_guest_idt_entry(struct lguest *l, u32 v, u32 lo, u32 hi) {}
void guest_set_stack(struct lguest *l, u32 ss, u32 esp, u32 pages) {}
void guest_set_clockevent(struct lguest *l, u32 ns) {}
void guest_halt(struct lguest *l) {}
void guest_set_pte(struct lguest *l, u32 p, u32 v, u32 pte) {}
void guest_set_pgd(struct lguest *l, u32 p, u32 i) {}
void guest_load_tls(struct lguest *l, u32 gpa) {}
void launcher_notify(struct lguest *l, u32 addr, u32 queue) {}
u32 tsc_khz = 1000000;
u64 wallclock_sec, wallclock_tsc;
void load_guest_gdt_entry(struct lguest *l, u32 i, u32 lo, u32 hi) {}

#define MEM (64 * 1024)
static u8 *ram;
static struct lguest lg;
static struct lguest_regs regs;

static void boot(void)
{
	memset(ram, 0, MEM);
	memset(&lg, 0, sizeof(lg));
	lg.mem = ram;
	lg.mem_size = MEM;
	lg.regs = &regs;
	ts_calls = console_bytes = 0;
}

/* One synchronous call, as the Switcher leaves it. */
static u32 call(u32 nr, u32 a1, u32 a2)
{
	regs = (struct lguest_regs){ .eax = nr, .ebx = a1, .ecx = a2,
				     .trapnum = LGUEST_TRAP_ENTRY };
	do_hypercalls(&lg);
	return regs.eax;
}

static int killed(const char *what)
{
	return lg.end == GUEST_KILLED && strstr(lg.message, what);
}

static void test_before_init(void)
{
	boot();
	call(LHCALL_CONSOLE_WRITE, 0, 1);
	CHECK(killed("hypercall 3 made before LHCALL_LGUEST_INIT") && console_bytes == 0,
	      "a console write before LHCALL_LGUEST_INIT");
	boot();
	call(LHCALL_FLUSH_ASYNC, 0, 0);
	CHECK(killed("hypercall 0 made before"), "even the null call before it");
	boot();
	call(0xFFFFFFFF, 0, 0);
	CHECK(killed("hypercall 4294967295 made before"), "an unknown number before it");
	boot();
	regs = (struct lguest_regs){ .trapnum = 14 };
	do_hypercalls(&lg);
	CHECK(lg.end == GUEST_RUNNING, "a trap that is no hypercall is left alone before it");
}

static void test_init(void)
{
	const u32 size = sizeof(struct lguest_data);

	boot();
	call(LHCALL_LGUEST_INIT, MEM, 0);
	CHECK(killed("LHCALL_LGUEST_INIT: lguest_data at 0x10000 is not"), "lguest_data just past memory");
	boot();
	call(LHCALL_LGUEST_INIT, MEM - size + 4, 0);
	CHECK(killed("LHCALL_LGUEST_INIT: lguest_data at"), "lguest_data straddling its end");
	boot();
	call(LHCALL_LGUEST_INIT, 0xFFFFFFFC, 0);
	CHECK(killed("LHCALL_LGUEST_INIT"), "lguest_data at an address that wraps");
	boot();
	call(LHCALL_LGUEST_INIT, 4098, 0);
	CHECK(killed("not an aligned"), "lguest_data misaligned");
	boot();
	call(LHCALL_LGUEST_INIT, MEM - size, 0);
	CHECK(lg.end == GUEST_RUNNING && lg.lguest_data == (void *)(ram + MEM - size),
	      "lguest_data ending at the last byte is taken");
	call(LHCALL_LGUEST_INIT, 4096, 0);
	CHECK(killed("LHCALL_LGUEST_INIT made a second time"), "a second LHCALL_LGUEST_INIT");
}

/* The no-interrupt range: read once, and at most LGUEST_NOIRQ_MAX bytes. */
static int init_with_noirq(u32 start, u32 end)
{
	struct lguest_data *d = (struct lguest_data *)(ram + 4096);

	boot();
	d->noirq_start = start;
	d->noirq_end = end;
	call(LHCALL_LGUEST_INIT, 4096, 0);
	return lg.lguest_data != NULL;
}

static void test_noirq_range(void)
{
	CHECK(!init_with_noirq(0, 0xFFFFFFFF) &&
	      killed("LHCALL_LGUEST_INIT: its no-interrupt range 0x0-0xffffffff is not a "
		     "range of at most 64 bytes"), "a no-interrupt range of everything");
	CHECK(!init_with_noirq(0xC0100010, 0xC0100000) && killed("0xc0100010-0xc0100000"),
	      "a no-interrupt range that ends before it starts");
	CHECK(!init_with_noirq(0xC0100000, 0xC0100000 + LGUEST_NOIRQ_MAX + 1),
	      "a no-interrupt range one byte too long");
	CHECK(init_with_noirq(0xC0100000, 0xC0100000 + LGUEST_NOIRQ_MAX) &&
	      lg.noirq_end - lg.noirq_start == LGUEST_NOIRQ_MAX, "one of exactly the limit is taken");
	CHECK(init_with_noirq(0, 0), "an empty one is taken");
}

static struct lguest_data *init_at(u32 gpa)
{
	boot();
	call(LHCALL_LGUEST_INIT, gpa, 0);
	return lg.lguest_data;
}

static void test_ring(void)
{
	struct lguest_data *d = init_at(4096);
	u64 before;

	CHECK(d && d->hcall_status[0] == LHCALL_SLOT_FREE && d->hcall_status[63] == LHCALL_SLOT_FREE,
	      "LHCALL_LGUEST_INIT frees every slot");
	for (unsigned i = 0; i < LHCALL_RING_SIZE; i++) {
		d->hcalls[i] = (struct hcall_args){ 1000 + i, 0, 0, 0, 0 };
		d->hcall_status[i] = LHCALL_SLOT_READY;
	}
	call(LHCALL_FLUSH_ASYNC, 0, 0);
	CHECK(killed("unknown hypercall 1000"), "a ring of garbage dies at its first slot");

	/* A full ring of TS calls, refilled before every exit: one ring's
	 * worth per exit, never more. */
	d = init_at(4096);
	for (unsigned round = 0; round < 3; round++) {
		for (unsigned i = 0; i < LHCALL_RING_SIZE; i++) {
			d->hcalls[i] = (struct hcall_args){ LHCALL_TS, 0, 0, 0, 0 };
			d->hcall_status[i] = LHCALL_SLOT_READY;
		}
		before = ts_calls;
		call(LHCALL_FLUSH_ASYNC, 0, 0);
		CHECK(ts_calls - before == LHCALL_RING_SIZE && lg.end == GUEST_RUNNING,
		      "round %u: exactly %u calls from a full ring", round, LHCALL_RING_SIZE);
	}
	/* The ring is run in order from where the Host left off. */
	d = init_at(4096);
	d->hcalls[0] = (struct hcall_args){ LHCALL_TS, 0, 0, 0, 0 };
	d->hcall_status[0] = LHCALL_SLOT_READY;
	d->hcall_status[1] = 0x55;	/* neither ready nor free */
	d->hcalls[2] = (struct hcall_args){ LHCALL_TS, 0, 0, 0, 0 };
	d->hcall_status[2] = LHCALL_SLOT_READY;
	call(LHCALL_FLUSH_ASYNC, 0, 0);
	CHECK(ts_calls == 1 && d->hcall_status[0] == LHCALL_SLOT_FREE && d->hcall_status[2] == LHCALL_SLOT_READY,
	      "a slot that is not ready stops the ring");
	d = init_at(4096);
	d->hcalls[0] = (struct hcall_args){ LHCALL_LGUEST_INIT, 8192, 0, 0, 0 };
	d->hcall_status[0] = LHCALL_SLOT_READY;
	call(LHCALL_FLUSH_ASYNC, 0, 0);
	CHECK(killed("LHCALL_LGUEST_INIT in the async ring"), "LHCALL_LGUEST_INIT in the ring");
}

static void test_arguments(void)
{
	init_at(4096);
	call(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_CRASH, MEM);
	CHECK(killed("crash message at 0x10000 is outside"), "a crash message past memory");
	init_at(4096);
	memset(ram + MEM - 4, 'x', 4);
	call(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_CRASH, MEM - 4);
	CHECK(lg.end == GUEST_CRASHED && !strcmp(lg.message, "xxxx [cut: no NUL within its limit]"),
	      "a crash message running off the end is cut there: \"%s\"", lg.message);
	init_at(4096);
	call(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_POWEROFF, 99);
	CHECK(lg.end == GUEST_POWEROFF && lg.exit_status == 99, "status 99 is allowed");
	init_at(4096);
	call(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_POWEROFF, 255);
	CHECK(lg.end == GUEST_POWEROFF && lg.exit_status == 255, "status 255 is allowed");
	init_at(4096);
	call(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_POWEROFF, 256);
	CHECK(killed("exit status 256 is over"), "status 256 is not");
	init_at(4096);
	call(LHCALL_CONSOLE_WRITE, MEM - 10, 10);
	CHECK(lg.end == GUEST_RUNNING && console_bytes == 10, "a console write up to the last byte");
	call(LHCALL_CONSOLE_WRITE, MEM - 10, 11);
	CHECK(killed("11 bytes at 0xfff6 are outside"), "one byte more is not");
	init_at(4096);
	call(LHCALL_NR, 0, 0);
	CHECK(killed("unknown hypercall 18"), "LHCALL_NR is unknown");
}

int main(void)
{
	ram = malloc(MEM);
	test_before_init();
	test_init();
	test_noirq_range();
	test_ring();
	test_arguments();
	free(ram);
	return check_done();
}
