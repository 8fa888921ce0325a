/*
 * Behaviours for a Host that runs several Guests (docs/10-many-guests.md):
 * LHCALL_YIELD, which hands the CPU to the next Guest, timed for make
 * bench.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "x86/paravirt.h"
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
	u64 t0;

	need_host("yield-bench");
	t0 = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		hcall(LHCALL_YIELD, 0, 0, 0, 0);
	printk("yield-bench: %lu yields in %llu TSC ticks\n", n, rdtsc() - t0);
}

GUEST_TEST("yield-bench", test_yield_bench);
