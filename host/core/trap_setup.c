/*
 * What a Guest tells the Host about its traps, checked where it enters:
 * the gates of its own IDT (LHCALL_LOAD_IDT_ENTRY), the stack for traps
 * from its programs (LHCALL_SET_STACK) and its halts (LHCALL_HALT).  Plain
 * C with no hardware under it, so the unit tests and the descriptor and
 * hypercall fuzz targets (tests/fuzz/) run this same code;
 * interrupts_and_traps.c delivers through what is kept here.
 */
#include "../machine/desc.h"
#include "lg.h"

/* LHCALL_LOAD_IDT_ENTRY, checked where it enters. */
void load_guest_idt_entry(struct lguest *lg, u32 vector, u32 lo, u32 hi)
{
	u64 g = ((u64)hi << 32) | lo;
	u32 sel = gate_selector(g);

	if (vector >= 256) {
		kill_guest(lg, "LHCALL_LOAD_IDT_ENTRY: vector %u is past 255", vector);
		return;
	}
	/* These are the Host's: the Guest's gate there would never be used,
	 * and a Guest that tries has misunderstood something dangerous. */
	if (vector == LGUEST_TRAP_ENTRY || vector == LGUEST_FLOOR_VECTOR ||
	    vector == 2 || vector == 8) {
		kill_guest(lg, "LHCALL_LOAD_IDT_ENTRY: vector %u is the Host's", vector);
		return;
	}
	if (!gate_present(g)) {
		lg->idt[vector] = 0;
	} else {
		if (gate_type(g) != GATE_INTERRUPT && gate_type(g) != GATE_TRAP) {
			kill_guest(lg, "LHCALL_LOAD_IDT_ENTRY: vector %u has gate type %u "
				   "(only 32-bit interrupt and trap gates)", vector, gate_type(g));
			return;
		}
		if ((sel & ~3u) != GDT_ENTRY_KERNEL_CS * 8) {
			kill_guest(lg, "LHCALL_LOAD_IDT_ENTRY: vector %u's gate leads to "
				   "selector 0x%x, not the Guest kernel's code", vector, sel);
			return;
		}
		/* Keep the offset, type, privilege and present bit; the selector
		 * is the Guest kernel's at its own ring. */
		lg->idt[vector] = make_gate(LGUEST_KERNEL_CS, gate_offset(g),
					    (u8)gate_type(g), (u8)gate_dpl(g));
	}
	lg->changed |= CHANGED_IDT;
}

/*
 * LHCALL_SET_STACK: where traps from the Guest's programs switch to, esp
 * its top.  The CPU itself pushes there on a direct system call, at ring 1,
 * which paging lets write the Switcher's register page: the stack's pages
 * must lie below the Switcher, without wrapping (a top of 0 would push at
 * 0xFFFFFFFC).  Whether they are mapped is the Guest's affair: a frame the
 * Host cannot push kills it (set_guest_interrupt()).
 */
void guest_set_stack(struct lguest *lg, u32 ss, u32 esp, u32 pages)
{
	if (ss != LGUEST_KERNEL_DS) {
		kill_guest(lg, "LHCALL_SET_STACK: stack segment 0x%x is not the Guest "
			   "kernel's (0x%x)", ss, LGUEST_KERNEL_DS);
		return;
	}
	if (pages < 1 || pages > 2) {
		kill_guest(lg, "LHCALL_SET_STACK: %u stack pages (1 or 2)", pages);
		return;
	}
	if (esp < pages * PAGE_SIZE || esp > SWITCHER_ADDR) {
		kill_guest(lg, "LHCALL_SET_STACK: %u stack pages under 0x%x reach "
			   "into the Switcher at 0x%x", pages, esp, SWITCHER_ADDR);
		return;
	}
	lg->ss1 = ss;
	lg->esp1 = esp;
	lg->changed |= CHANGED_STACK;
}

/* LHCALL_HALT: the Guest waits for its next interrupt.  Not from inside
 * its no-interrupt range (whether the call is its own or one in the async
 * ring run at an exit there): no interrupt can be delivered there, so a
 * pending one would wake the Host's wait at once and never the Guest, and
 * the Host would spin. */
void guest_halt(struct lguest *lg)
{
	u32 eip = lg->regs->eip;

	if (eip >= lg->noirq_start && eip < lg->noirq_end) {
		kill_guest(lg, "LHCALL_HALT at eip 0x%x, inside its no-interrupt "
			   "range 0x%x-0x%x, where no interrupt can wake it", eip,
			   lg->noirq_start, lg->noirq_end);
		return;
	}
	lg->halted = 1;
}
