/*
 * Interrupts and traps: the IDT a Guest runs with.
 *
 * Every vector points at its Switcher stub, so every trap and interrupt
 * the Guest takes comes back to the Host.  The gates are interrupt gates
 * (the Switcher must run with interrupts off) of privilege 0, so a Guest
 * that tries "int N" gets a general protection fault instead: all but the
 * hypercall vector, whose gate has privilege 1 so the Guest kernel (and
 * only it: its programs run at 3) can use it; and the floor vector, which
 * only measures what a round trip through ring 0 costs.
 */
#include "../machine/desc.h"
#include "lg.h"

extern const u32 switcher_stubs[256];
void floor_trap(void);

void setup_guest_idt(struct lguest_ro_state *state)
{
	for (unsigned v = 0; v < 256; v++)
		state->guest_idt[v] =
			make_gate(LGUEST_CS, switcher_stubs[v], GATE_INTERRUPT,
				  v == LGUEST_TRAP_ENTRY ? GUEST_PL : 0);
	state->guest_idt[LGUEST_FLOOR_VECTOR] =
		make_gate(LGUEST_CS, (u32)floor_trap, GATE_INTERRUPT, GUEST_PL);
}

void load_guest_idt_entry(struct lguest *lg, u32 vector, u32 lo, u32 hi)
{
	kill_guest(lg, "LHCALL_LOAD_IDT_ENTRY is not supported yet");
}

void guest_set_stack(struct lguest *lg, u32 ss, u32 esp, u32 pages)
{
	kill_guest(lg, "LHCALL_SET_STACK is not supported yet");
}

void guest_set_clockevent(struct lguest *lg, u32 ns)
{
	kill_guest(lg, "LHCALL_SET_CLOCKEVENT is not supported yet");
}

void guest_halt(struct lguest *lg)
{
	kill_guest(lg, "LHCALL_HALT is not supported yet");
}

int deliver_trap(struct lguest *lg, unsigned num)
{
	return 0;
}

void maybe_do_interrupt(struct lguest *lg)
{
}

/* An interrupt for the Guest: pending until it can take it. */
void lguest_send_interrupt(struct lguest *lg, unsigned irq)
{
	if (irq < LGUEST_IRQS)
		lg->irqs_pending |= 1u << irq;
}
