/*
 * FPU behaviours: the x87 and SSE registers are the Guest's, across every
 * trip through the Host (which never touches them), and CR0.TS, set
 * through pv, makes the next FPU instruction raise #NM: how a kernel
 * switches FPU state lazily between tasks.  tests/boot/segments.sh checks
 * what these print.
 */
#include "drivers/console.h"
#include "x86/desc.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"

static void check(int ok, const char *what)
{
	test_check("fpu", ok, what);
}

static void finish(void)
{
	test_finish("fpu");
}

struct fxsave_area {
	u8 bytes[512];
} __attribute__((aligned(16)));

static void fxsave(struct fxsave_area *a) { asm volatile("fxsave %0" : "=m"(*a)); }
static void fxrstor(const struct fxsave_area *a) { asm volatile("fxrstor %0" : : "m"(*a)); }

/* Two x87 registers and two XMM registers, filled from seed. */
static void load_fpu(u32 seed)
{
	u32 x[4] = { seed, seed ^ 0xFFFFFFFF, seed * 3, seed + 0x01010101 };
	u32 y[4] = { ~seed, seed << 4, seed >> 4, 0xA5A5A5A5 ^ seed };
	u32 i1 = seed, i2 = seed / 2;

	asm volatile("fninit\n"
		     "fildl %0\n"
		     "fildl %1\n"
		     "movdqu %2, %%xmm0\n"
		     "movdqu %3, %%xmm7\n"
		     : : "m"(i1), "m"(i2), "m"(x), "m"(y));
}

/* Read back what load_fpu(seed) put there: 1 if it is all still there. */
static int fpu_holds(u32 seed)
{
	u32 x[4], y[4], i1, i2;

	asm volatile("movdqu %%xmm0, %2\n"
		     "movdqu %%xmm7, %3\n"
		     "fistpl %1\n"
		     "fistpl %0\n"
		     : "=m"(i1), "=m"(i2), "=m"(x), "=m"(y));
	return i1 == seed && i2 == seed / 2 &&
	       x[0] == seed && x[1] == (seed ^ 0xFFFFFFFF) && x[2] == seed * 3 &&
	       x[3] == seed + 0x01010101 && y[0] == ~seed && y[1] == seed << 4 &&
	       y[2] == seed >> 4 && y[3] == (0xA5A5A5A5 ^ seed);
}

/* Hypercalls and emulated port reads in between: the state stays. */
static void test_survives(void)
{
	static struct fxsave_area before, after;
	int same = 1;

	load_fpu(0x12345678);
	fxsave(&before);
	for (int i = 0; i < 100; i++)
		hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	for (int i = 0; i < 10; i++)
		asm volatile("inb $0x80, %%al" : : : "eax");
	fxsave(&after);
	/* Control, status and tag words, MXCSR, then the eight x87 and eight
	 * XMM registers: all but the last-instruction pointers. */
	for (unsigned i = 0; i < 288; i++)
		if ((i < 5 || (i >= 24 && i < 28) || i >= 32) &&
		    before.bytes[i] != after.bytes[i])
			same = 0;
	check(same, "x87 and SSE registers survive 100 hypercalls and 10 emulated inb");
	check(fpu_holds(0x12345678), "and hold the values loaded");
	finish();
}

/* TS set and cleared again: no trap. */
static void test_ts_clear(void)
{
	pv_set_ts();
	pv_clear_ts();
	load_fpu(7);
	check(fpu_holds(7), "with TS cleared again the FPU runs without a trap");
	finish();
}

/*
 * The lazy switch between two contexts, as a kernel does it: switching
 * sets TS; the first FPU instruction of the new context raises #NM, whose
 * handler clears TS, saves the owner's registers and loads the new
 * context's.  That needs the Host to deliver #NM to us: until the Guest
 * can take traps (pv.load_idt_entry), the #NM ends the run with the
 * Host's message, which names the eip we print first, and shows at least
 * that TS reached the real CR0.
 */
extern const char fpu_first_use[], fpu_nm_entry[];
static struct fxsave_area ctx[2];
static int owner, current;
static unsigned nm_count;

asm(".text\n"
    "fpu_nm_entry:\n"
    "	pushal\n"
    "	call	fpu_nm\n"
    "	popal\n"
    "	iret\n");

__attribute__((used)) void fpu_nm(void);
__attribute__((used)) void fpu_nm(void)
{
	nm_count++;
	pv_clear_ts();
	fxsave(&ctx[owner]);
	fxrstor(&ctx[current]);
	owner = current;
}

static void switch_to(int c)
{
	current = c;
	pv_set_ts();
}

static void test_switch(void)
{
	load_fpu(0xBBBB0001);
	fxsave(&ctx[1]);
	load_fpu(0xAAAA0001);
	owner = current = 0;
	if (!pv.load_idt_entry) {
		pv_set_ts();
		printk("fpu-switch: no trap delivery: first FPU use with TS set at eip 0x%x\n",
		       (u32)fpu_first_use);
		asm volatile("fpu_first_use: fninit");
		crash("fpu-switch: an FPU instruction with TS set did not trap");
	}
	pv_load_idt_entry(7, gate_desc(kernel_cs(), (u32)fpu_nm_entry, 0xF, GUEST_PL));
	switch_to(1);
	check(fpu_holds(0xBBBB0001), "context B sees its own registers after the switch");
	switch_to(0);
	check(fpu_holds(0xAAAA0001), "context A gets its registers back");
	check(nm_count == 2, "each switch cost exactly one #NM");
	finish();
}

GUEST_TEST("fpu-survives", test_survives);
GUEST_TEST("fpu-ts-clear", test_ts_clear);
GUEST_TEST("fpu-switch", test_switch);
