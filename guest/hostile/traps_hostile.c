/*
 * Hostile Guests for traps and interrupts (tests/hostile/traps.sh): gates
 * that would lead out of the Guest, kernel stacks in the Host's segments, a
 * trap with nowhere to push its frame, a halt nothing can end, a Guest that
 * never yields, and one that asks for interrupts as fast as it can.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "mm/mm.h"
#include "lguest/hypercall.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"
#include "x86/traps.h"

/* An IDT gate by hand: offset, selector, type, privilege. */
static u64 raw_gate(u32 offset, u32 sel, unsigned type, unsigned dpl)
{
	u64 lo = (offset & 0xFFFFu) | (sel << 16);
	u64 hi = (offset & 0xFFFF0000u) | 0x8000u | (dpl << 13) | (type << 8);

	return lo | (hi << 32);
}

static void load_gate(unsigned vector, u64 g)
{
	hcall(LHCALL_LOAD_IDT_ENTRY, vector, (u32)g, (u32)(g >> 32), 0);
}

static void test_gate_to_host_cs(void)
{
	printk("hostile-traps: a gate into the Host's code segment\n");
	load_gate(3, raw_gate(0xC0100000u, LGUEST_CS, 0xF, 0));
	crash("a gate into LGUEST_CS was accepted");
}

static void test_gate_ring0(void)
{
	printk("hostile-traps: a gate with a ring-0 selector of our own\n");
	load_gate(3, raw_gate(0xC0100000u, GDT_ENTRY_KERNEL_DS * 8, 0xF, 0));
	crash("a gate into a data selector was accepted");
}

static void test_gate_hcall_vector(void)
{
	printk("hostile-traps: taking over the hypercall vector\n");
	load_gate(LGUEST_TRAP_ENTRY, raw_gate(0xC0100000u, LGUEST_KERNEL_CS, 0xE, 1));
	crash("a gate for the hypercall vector was accepted");
}

static void test_gate_task(void)
{
	printk("hostile-traps: a task gate\n");
	load_gate(3, raw_gate(0, LGUEST_TSS_SEL, 0x5, 0));
	crash("a task gate was accepted");
}

static void test_gate_vector_range(void)
{
	printk("hostile-traps: vector 300\n");
	load_gate(300, raw_gate(0xC0100000u, LGUEST_KERNEL_CS, 0xE, 0));
	crash("vector 300 was accepted");
}

static void test_stack_ring0(void)
{
	printk("hostile-traps: a kernel stack in the Host's data segment\n");
	hcall(LHCALL_SET_STACK, LGUEST_DS, 0xC0100000u, 1, 0);
	crash("a ring-0 stack segment was accepted");
}

/* A trap whose frame has nowhere to go: a real CPU double faults. */
static void test_unmapped_stack(void)
{
	set_trap_handler(3, NULL, 0);
	printk("hostile-traps: int3 with the stack at 0x80000000\n");
	asm volatile("movl %%esp, %%ebx; movl $0x80000000, %%esp; int3; movl %%ebx, %%esp"
		     : : : "ebx", "memory");
	crash("a trap onto an unmapped stack was delivered");
}

static void test_halt_forever(void)
{
	printk("hostile-traps: halting with no clock event, every device's "
	       "interrupt blocked\n");
	lguest_data.blocked_interrupts[0] |= ~1u;
	pv_irq_disable();
	pv_safe_halt();
	crash("a halt with nothing to wake it returned");
}

/* Halts with interrupts on and no clock event: only console input could
 * wake it, and its standard input is empty, so once the end of input has
 * come (the first halts wake for it) nothing can.  The Host must see that
 * and kill it, not sleep for input that never comes (the chaos Guest's
 * rare hang: its clock event fired before its halt reached the Host). */
static void test_halt_after_input_ended(void)
{
	printk("hostile-traps: halting, interrupts on, no clock event, "
	       "console input at its end\n");
	pv_set_clockevent(0);
	for (;;) {
		pv_irq_disable();
		pv_safe_halt();
	}
}

/* The stack for traps from ring 3 where the Switcher is: its register
 * page's top (where the CPU's own trap frames go), or a top of 0, whose
 * pushes wrap to the top of the address space. */
static void test_stack_in_switcher(void)
{
	u32 esp = (u32)cmdline_number("esp", 0xFFC03000u);

	printk("hostile-traps: LHCALL_SET_STACK with esp 0x%x\n", esp);
	hcall(LHCALL_SET_STACK, LGUEST_KERNEL_DS, esp, 1, 0);
	crash("a stack in the Switcher was accepted");
}

/* Interrupts off, and never a hypercall again: only the Host's own tick
 * gets it control, and --timeout ends the run. */
static void test_never_yields(void)
{
	printk("hostile-traps: spinning with interrupts off\n");
	pv_irq_disable();
	for (;;)
		asm volatile("" : : : "memory");
}

/* The same for ms=N milliseconds of TSC time (a second unless told),
 * then off: the Host's log shows how often its own tick took control
 * meanwhile. */
static void test_spin(void)
{
	u64 t0 = rdtsc(), ms = cmdline_number("ms", 1000);

	pv_irq_disable();
	while (rdtsc() - t0 < ms * lguest_data.tsc_khz)
		asm volatile("" : : : "memory");
	printk("hostile-traps: spun for %llu ms with interrupts off\n", ms);
}

/* Clock events as often as it may ask, each re-armed at once, for half a
 * second of TSC time: the Host holds them to its minimum interval, so the
 * Guest still makes progress, and so does the Host. */
static volatile u32 storm_ticks;

static void storm_handler(struct trap_frame *f)
{
	storm_ticks++;
	pv_set_clockevent(1);
}

static void test_interrupt_storm(void)
{
	u64 t0 = rdtsc(), spins = 0;

	set_trap_handler(TIMER_VECTOR, storm_handler, 0);
	pv_irq_enable();
	pv_set_clockevent(1);
	while (rdtsc() - t0 < 500ull * lguest_data.tsc_khz)
		spins++;
	pv_irq_disable();
	printk("hostile-traps: %u interrupts in 500 ms, and %llu loops of our own\n",
	       storm_ticks, spins);
}

/*
 * LHCALL_HALT at an exit inside the no-interrupt range, with an interrupt
 * pending: the Host may not deliver it there, and must not spin waiting.
 * The one exit the Host absorbs without moving %eip is a page fault it
 * fixes itself, so: a timer interrupt made pending with interrupts off,
 * the range's code page dropped from the shadow tables (every shadow
 * flushed, and the page's accessed bit cleared so no fault nearby brings
 * it back), the async ring full of LHCALL_HALT, and a jump into the range:
 * the first instruction there faults, and the Host runs the ring at an
 * %eip inside it.
 */
extern const char lguest_noirq_start[];

static void test_halt_in_noirq(void)
{
	u32 *pte = mm_pte(&kernel_mm, (u32)lguest_noirq_start);

	if (!pte || !(((u32)test_halt_in_noirq ^ (u32)lguest_noirq_start) & ~0xFFFu))
		crash("hostile-halt-in-noirq: the range's page is not apart from ours");
	pv_irq_disable();
	pv_set_clockevent(10000);
	while (!lguest_data.irq_pending)
		asm volatile("" : : : "memory");
	printk("hostile-halt-in-noirq: a timer interrupt pending; LHCALL_HALT from "
	       "an exit at 0x%x\n", (u32)lguest_noirq_start);
	*pte &= ~PTE_ACCESSED;
	hcall(LHCALL_FLUSH_TLB, 1, 0, 0, 0);
	/* Every page we touch from here faults in with the ring still
	 * empty; only then does it fill.  That includes the stack below us,
	 * where the jump pushes its frame: were that a new page, its fault
	 * would take the ring's halts outside the range. */
	asm volatile("pushl $0; pushl $0; pushl $0; pushl $0; addl $16, %%esp" : : : "memory");
	for (unsigned i = 0; i < LHCALL_RING_SIZE; i++)
		lguest_data.hcall_status[i] = LHCALL_SLOT_FREE;
	for (unsigned i = 0; i < LHCALL_RING_SIZE; i++)
		lguest_data.hcalls[i] = (struct hcall_args){ LHCALL_HALT, 0, 0, 0, 0 };
	for (unsigned i = 0; i < LHCALL_RING_SIZE; i++)
		lguest_data.hcall_status[i] = LHCALL_SLOT_READY;
	/* Into the range as its own iret would leave it: back to 1f. */
	asm volatile("pushfl; pushl %%cs; pushl $1f; pushl %%eax; jmp lguest_noirq_start\n"
		     "1:" : : "a"(0) : "memory");
	printk("hostile-halt-in-noirq: came back: the halt was taken outside the range\n");
}

GUEST_TEST("hostile-halt-in-noirq", test_halt_in_noirq);
GUEST_TEST("hostile-gate-host-cs", test_gate_to_host_cs);
GUEST_TEST("hostile-gate-data-selector", test_gate_ring0);
GUEST_TEST("hostile-gate-hcall-vector", test_gate_hcall_vector);
GUEST_TEST("hostile-gate-task", test_gate_task);
GUEST_TEST("hostile-gate-vector-range", test_gate_vector_range);
GUEST_TEST("hostile-stack-ring0", test_stack_ring0);
GUEST_TEST("hostile-unmapped-stack", test_unmapped_stack);
GUEST_TEST("hostile-halt-forever", test_halt_forever);
GUEST_TEST("hostile-halt-after-input-ended", test_halt_after_input_ended);
GUEST_TEST("hostile-stack-in-switcher", test_stack_in_switcher);
GUEST_TEST("hostile-never-yields", test_never_yields);
GUEST_TEST("hostile-spin", test_spin);
GUEST_TEST("hostile-interrupt-storm", test_interrupt_storm);
