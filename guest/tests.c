/*
 * The Guest's test behaviours (see test.h), and the simplest of them: the
 * ones that drive the first paths through the Host.
 */
#include "console.h"
#include "guest.h"
#include "hcall.h"
#include "kstring.h"
#include "paravirt.h"
#include "test.h"

extern const struct guest_test guest_tests_start[], guest_tests_end[];

void run_test(const char *name)
{
	for (const struct guest_test *t = guest_tests_start; t < guest_tests_end; t++) {
		if (!strcmp(t->name, name)) {
			t->fn();
			return;
		}
	}
	crash("no test called \"%s\"", name);
}

static void test_hello(void)
{
	printk("Hello from the Guest: %u MiB of memory, command line \"%s\"\n",
	       boot_info->mem_size >> 20, (const char *)__va(boot_info->cmdline));
}

static void test_crash(void)
{
	crash("the Guest crashed on purpose");
}

static void test_privileged(void)
{
	printk("about to run cli at ring 1\n");
	asm volatile("cli");
	printk("cli did not fault!\n");
}

/* Nothing is mapped at 2 GiB: the Guest's RAM is at 0 and 3 GiB. */
static void test_wild_pointer(void)
{
	volatile unsigned int *p = (volatile unsigned int *)0x80000000;

	printk("about to read 0x80000000\n");
	(void)*p;
	printk("the wild read did not fault!\n");
}

/* "test=hcall-bench count=N": N null hypercalls, timed with the TSC. */
static void test_hcall_bench(void)
{
	unsigned long n = cmdline_number("count", 100000);
	unsigned long long t0, t1;

	t0 = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	t1 = rdtsc();
	printk("hcall-bench: %lu calls, %llu TSC ticks\n", n, t1 - t0);
}

/* "test=floor-bench count=N": the floor the hypercall is measured against:
 * N bare ring 1 -> 0 -> 1 round trips, then N with two %cr3 loads each. */
static void test_floor_bench(void)
{
	unsigned long n = cmdline_number("count", 100000);
	unsigned long long t0, t1, t2;

	t0 = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		asm volatile("int $%c0" : : "i"(LGUEST_FLOOR_VECTOR), "a"(0) : "memory");
	t1 = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		asm volatile("int $%c0" : : "i"(LGUEST_FLOOR_VECTOR), "a"(1) : "memory");
	t2 = rdtsc();
	printk("floor-bench: %lu int/iret in %llu TSC ticks, %lu int/iret+2 cr3 in %llu\n",
	       n, t1 - t0, n, t2 - t1);
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
GUEST_TEST("floor-bench", test_floor_bench);
