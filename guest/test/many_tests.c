/*
 * Behaviours for a Host that runs several Guests (docs/10-many-guests.md):
 * LHCALL_YIELD, which hands the CPU to the next Guest, timed for make
 * bench, and a GDT entry that must stay this Guest's while others run.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "x86/desc.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"

/* Only the Host has other Guests to yield to. */
static void need_host(const char *who)
{
	if (pv.kernel_rpl == 0)
		crash("%s: there is no Host to yield to natively", who);
}

/*
 * "test=yield-bench count=N": N yields in a row, timed with the TSC.
 * Alone, each is a round trip through the Host's scheduler back into the
 * same Guest.  Beside another Guest doing the same, each yield switches
 * to it, and comes back when it yields in turn: two switches between
 * Guests a yield (bench/many.sh).
 */
static void test_yield_bench(void)
{
	unsigned long n = cmdline_number("count", 10000);
	u64 go = (cmdline_number("start_ms", 0) + 20) * lguest_data.tsc_khz, t0;

	need_host("yield-bench");
	/* Untimed yields until 20 ms after start_ms: a Guest beside this one
	 * that woke later (QEMU delivers timers milliseconds late on a busy
	 * machine) is yielding too by then, so every timed yield switches. */
	while (rdtsc() < go)
		hcall(LHCALL_YIELD, 0, 0, 0, 0);
	t0 = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		hcall(LHCALL_YIELD, 0, 0, 0, 0);
	printk("yield-bench: %lu yields in %llu TSC ticks\n", n, rdtsc() - t0);
}

/*
 * "test=tls-apart slot=K count=N": a TLS entry whose base is this Guest's
 * word K, and N yields, reading that word through %gs after each.  Another
 * Guest doing the same with another slot puts its own descriptor in the
 * same GDT entry, in between: reading anything but K means the Switcher
 * ran this Guest with the other's descriptor.
 */
#define TLS_SEL (GDT_ENTRY_TLS_MIN * 8 + 3)

static void test_tls_apart(void)
{
	static u32 words[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	static u64 tls[GDT_ENTRY_TLS_ENTRIES];
	unsigned long k = cmdline_number("slot", 0), n = cmdline_number("count", 100);
	unsigned long wrong = 0;

	need_host("tls-apart");
	if (k > 7)
		crash("tls-apart: slot=%lu is past 7", k);
	tls[0] = seg_desc((u32)&words[k], 0xFFFFF, ACC_DATA_DPL3, 1);
	pv_load_tls(tls);
	asm volatile("movl %0, %%gs" : : "r"(TLS_SEL));
	for (unsigned long i = 0; i < n; i++) {
		u32 v;

		hcall(LHCALL_YIELD, 0, 0, 0, 0);
		asm volatile("movl %%gs:0, %0" : "=r"(v));
		wrong += v != k;
	}
	asm volatile("movl %0, %%gs" : : "r"(0));
	if (wrong)
		crash("tls-apart: %%gs read another Guest's word %lu times in %lu", wrong, n);
	printk("tls-apart: %%gs read word %lu after each of %lu yields\n", k, n);
}

GUEST_TEST("yield-bench", test_yield_bench);
GUEST_TEST("tls-apart", test_tls_apart);
