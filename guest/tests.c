/*
 * The Guest's test behaviours: each drives one path through the Host, and
 * the boot tests (tests/boot/) check what comes out the other side.
 */
#include "console.h"
#include "guest.h"
#include "hcall.h"
#include "kstring.h"

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

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "hello", test_hello },
	{ "crash", test_crash },
	{ "privileged", test_privileged },
	{ "wild-pointer", test_wild_pointer },
	{ "hcall-bench", test_hcall_bench },
};

void run_test(const char *name)
{
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (!strcmp(tests[i].name, name)) {
			tests[i].fn();
			return;
		}
	}
	crash("no test called \"%s\"", name);
}
