/*
 * The Guest's test behaviours (see test.h), and the simplest of them: the
 * ones that drive the first paths through the Host.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"
#include "x86/traps.h"

extern const struct guest_test guest_tests_start[], guest_tests_end[];

/* Every name there is, on one line after prefix. */
static void print_test_names(const char *prefix)
{
	printk("%s", prefix);
	for (const struct guest_test *t = guest_tests_start; t < guest_tests_end; t++)
		printk(" %s", t->name);
	printk("\n");
}

static void wake(struct trap_frame *f)
{
}

/*
 * "start_ms=MS": the test begins once the TSC says MS milliseconds since
 * the machine started (it counts from 0 there), asleep until then.  So
 * Guests that boot one after another begin their work together, and a
 * benchmark of many Guests times only the work (bench/many.sh).  One that
 * boots too late says so, and by how much.
 */
static void wait_for_start(void)
{
	unsigned long ms = cmdline_number("start_ms", 0);
	u64 at = (u64)ms * lguest_data.tsc_khz, now = rdtsc();
	unsigned long flags;

	if (!ms)
		return;
	if (now >= at) {
		printk("start_ms=%lu: booted late, at %llu ms\n", ms, now / lguest_data.tsc_khz);
		return;
	}
	flags = pv_save_fl();
	set_trap_handler(TIMER_VECTOR, wake, 0);
	pv_irq_disable();
	for (; now < at; now = rdtsc()) {
		u64 ns = (at - now) * 1000000 / lguest_data.tsc_khz;

		pv_set_clockevent(ns > 1000000000 ? 1000000000 : (u32)ns + 1);
		pv_safe_halt();
		pv_irq_disable();
	}
	pv_set_clockevent(0);
	pv_restore_fl(flags);
}

/* "test=list" prints the names; a name that is none of them is a crash
 * that lists them, so a typo shows what was meant. */
void run_test(const char *name)
{
	if (!strcmp(name, "list")) {
		print_test_names("tests:");
		return;
	}
	for (const struct guest_test *t = guest_tests_start; t < guest_tests_end; t++) {
		if (!strcmp(t->name, name)) {
			wait_for_start();
			t->fn();
			return;
		}
	}
	print_test_names("tests:");
	crash("no test called \"%s\" (test=list lists them)", name);
}

static unsigned check_failures;

void test_check(const char *who, int ok, const char *what)
{
	printk("%s: %s %s\n", who, ok ? "ok" : "FAIL", what);
	check_failures += !ok;
}

void test_finish(const char *who)
{
	if (check_failures)
		crash("%s: %u checks failed", who, check_failures);
}

static void test_hello(void)
{
	printk("Hello from the Guest: %u MiB of memory, command line \"%s\", "
	       "world %s\n", boot_info->mem_size >> 20,
	       (const char *)__va(boot_info->cmdline), pv.world);
}

static void test_crash(void)
{
	crash("the Guest crashed on purpose");
}

/*
 * A privileged instruction run directly, not through pv.  On the Host the
 * kernel is at ring 1, where cli faults and the Host kills it.  Natively
 * it is at ring 0, where cli is simply cli: the test then checks that it
 * really turned interrupts off, and powers off normally.
 */
static void test_privileged(void)
{
	printk("about to run cli at ring %u\n", pv.kernel_rpl);
	asm volatile("cli");
	if (pv.kernel_rpl != 0)
		printk("cli did not fault!\n");
	else if (pv_save_fl() & X86_EFLAGS_IF)
		crash("cli at ring 0 left interrupts on");
	else
		printk("cli ran at ring 0: interrupts are off\n");
}

/* Nothing is mapped at 2 GiB: the Guest's RAM is at 0 and 3 GiB. */
static void test_wild_pointer(void)
{
	volatile unsigned int *p = (volatile unsigned int *)0x80000000;

	printk("about to read 0x80000000\n");
	(void)*p;
	printk("the wild read did not fault!\n");
}

/*
 * "test=hcall-bench count=N": N null hypercalls against the floor they are
 * measured by: N bare ring 1 -> 0 -> 1 round trips through the floor
 * vector, and N that also load %cr3 twice, as every world switch does.
 * The three loops take turns in rounds of 100, so a busy machine slows
 * them alike and their ratio holds.
 */
static void test_hcall_bench(void)
{
	unsigned long n = cmdline_number("count", 100000);
	unsigned long long hcalls = 0, floor = 0, intiret = 0, t0, t1, t2, t3;

	for (unsigned long done = 0; done < n; done += 100) {
		unsigned long k = n - done < 100 ? n - done : 100;

		t0 = rdtsc();
		for (unsigned long i = 0; i < k; i++)
			hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
		t1 = rdtsc();
		for (unsigned long i = 0; i < k; i++)
			asm volatile("int $%c0" : : "i"(LGUEST_FLOOR_VECTOR), "a"(1) : "memory");
		t2 = rdtsc();
		for (unsigned long i = 0; i < k; i++)
			asm volatile("int $%c0" : : "i"(LGUEST_FLOOR_VECTOR), "a"(0) : "memory");
		t3 = rdtsc();
		hcalls += t1 - t0;
		floor += t2 - t1;
		intiret += t3 - t2;
	}
	printk("hcall-bench: %lu each; TSC ticks: hypercall %llu floor %llu int-iret %llu\n",
	       n, hcalls, floor, intiret);
}

/* Restart once, then power off with "exit=": the boot count survives. */
static void test_restart(void)
{
	if (boot_info->boots == 0) {
		printk("restarting\n");
		pv.restart();
	}
	printk("booted again after %u restart\n", boot_info->boots);
}

GUEST_TEST("hello", test_hello);
GUEST_TEST("restart", test_restart);
GUEST_TEST("crash", test_crash);
GUEST_TEST("privileged", test_privileged);
GUEST_TEST("wild-pointer", test_wild_pointer);
GUEST_TEST("hcall-bench", test_hcall_bench);
