/*
 * Interrupts and traps: the IDT a Guest runs with.
 *
 * Every vector points at its Switcher stub, so every trap and interrupt
 * the Guest takes comes back to the Host.  The gates are interrupt gates
 * (the Switcher must run with interrupts off) of privilege 0, so a Guest
 * that tries "int N" gets a general protection fault instead: all but the
 * hypercall vector, whose gate has privilege 1 so the Guest kernel (and
 * only it: its programs run at 3) can use it.
 */
#include "../machine/desc.h"
#include "lg.h"

extern const u32 switcher_stubs[256];

void setup_guest_idt(struct lguest_ro_state *state)
{
	for (unsigned v = 0; v < 256; v++)
		state->guest_idt[v] =
			make_gate(LGUEST_CS, switcher_stubs[v], GATE_INTERRUPT,
				  v == LGUEST_TRAP_ENTRY ? GUEST_PL : 0);
}
