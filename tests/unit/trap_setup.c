/*
 * host/core/trap_setup.c: the stack for traps from the Guest's programs
 * (LHCALL_SET_STACK) must lie below the Switcher, whose register page
 * ring 1 may write; and a gate the Guest sets leads only to its own code.
 */
#include <string.h>
#include "check.h"
#include "../../host/core/lg.h"
#include "../../host/machine/desc.h"

static struct lguest lg;
static struct lguest_regs regs;

static void reset(void)
{
	memset(&lg, 0, sizeof(lg));
	lg.regs = &regs;
}

static int killed(const char *what)
{
	return lg.end == GUEST_KILLED && strstr(lg.message, what);
}

static void test_set_stack(void)
{
	static const struct { u32 esp, pages; } refused[] = {
		{ 0xFFC03000u, 1 },	/* the register page's top */
		{ 0xFFC00001u, 1 },	/* one byte of the Switcher */
		{ 0, 1 },		/* pushes wrap to 0xFFFFFFFC */
		{ 4095, 1 }, { 8191, 2 },	/* the pages would wrap */
	};

	for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		reset();
		guest_set_stack(&lg, LGUEST_KERNEL_DS, refused[i].esp, refused[i].pages);
		CHECK(killed("reach into the Switcher at 0xffc00000") && lg.esp1 == 0 &&
		      !(lg.changed & CHANGED_STACK),
		      "%u stack pages under 0x%x are refused", refused[i].pages, refused[i].esp);
	}
	reset();
	guest_set_stack(&lg, LGUEST_KERNEL_DS, SWITCHER_ADDR, 2);
	CHECK(lg.end == GUEST_RUNNING && lg.esp1 == SWITCHER_ADDR && lg.ss1 == LGUEST_KERNEL_DS,
	      "a stack ending right at the Switcher is taken");
	reset();
	guest_set_stack(&lg, LGUEST_KERNEL_DS, 8192, 2);
	CHECK(lg.end == GUEST_RUNNING && lg.esp1 == 8192, "two pages from address 0 are taken");
}

static void test_gates(void)
{
	u64 g = make_gate(LGUEST_KERNEL_CS & ~3, 0xC0101234u, GATE_TRAP, 3);

	reset();
	load_guest_idt_entry(&lg, 0x80, (u32)g, (u32)(g >> 32));
	CHECK(lg.idt[0x80] == make_gate(LGUEST_KERNEL_CS, 0xC0101234u, GATE_TRAP, 3) &&
	      (lg.changed & CHANGED_IDT), "a gate is kept with the Guest kernel's selector at ring 1");
	g = make_gate(LGUEST_CS, 0xC0101234u, GATE_INTERRUPT, 0);
	reset();
	load_guest_idt_entry(&lg, 14, (u32)g, (u32)(g >> 32));
	CHECK(killed("vector 14's gate leads to selector 0x8") && !lg.idt[14],
	      "a gate into the Host's code is refused");
}

int main(void)
{
	test_set_stack();
	test_gates();
	return check_done();
}
