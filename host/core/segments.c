/*
 * Segments: the Guest's GDT.
 *
 * The Guest runs with a GDT the Host keeps in the Switcher's state page.
 * Its first entries are the Host's (the Switcher runs on them); the rest
 * hold the Guest's own segments, which the Host builds flat at first and
 * (later) checks as the Guest changes them.
 *
 * Every Guest entry has its "accessed" bit set already: the GDT is
 * read-only under the Guest's page tables, and a CPU that loads a segment
 * whose accessed bit is clear writes the bit back, and would fault.
 */
#include "../machine/desc.h"
#include "lg.h"

#define DESC_CODE_RING1	0xBB	/* present, DPL 1, code, readable, accessed */
#define DESC_DATA_RING1	0xB3	/* present, DPL 1, data, writable, accessed */
#define DESC_CODE_RING3	0xFB
#define DESC_DATA_RING3	0xF3
#define DESC_CODE_HOST	0x9B	/* the Host's, accessed for the same reason */
#define DESC_DATA_HOST	0x93

void setup_guest_gdt(struct lguest *lg)
{
	for (unsigned i = 0; i < GDT_ENTRIES; i++)
		lg->gdt[i] = 0;
	lg->gdt[GDT_ENTRY_KERNEL_CS] = make_segment(0, 0xFFFFF, DESC_CODE_RING1, 1);
	lg->gdt[GDT_ENTRY_KERNEL_DS] = make_segment(0, 0xFFFFF, DESC_DATA_RING1, 1);
	lg->gdt[GDT_ENTRY_USER_CS] = make_segment(0, 0xFFFFF, DESC_CODE_RING3, 1);
	lg->gdt[GDT_ENTRY_USER_DS] = make_segment(0, 0xFFFFF, DESC_DATA_RING3, 1);
}

/* The Guest's entries, when they have changed. */
void copy_gdt_to_state(const struct lguest *lg, struct lguest_ro_state *state)
{
	for (unsigned i = GDT_ENTRY_HOST_LAST + 1; i < GDT_ENTRIES; i++)
		state->guest_gdt[i] = lg->gdt[i];
}

/* The Host's entries in the Guest's GDT never change: written once. */
void setup_host_gdt_entries(struct lguest_ro_state *state)
{
	state->guest_gdt[0] = 0;
	state->guest_gdt[GDT_ENTRY_LGUEST_CS] = make_segment(0, 0xFFFFF, DESC_CODE_HOST, 1);
	state->guest_gdt[GDT_ENTRY_LGUEST_DS] = make_segment(0, 0xFFFFF, DESC_DATA_HOST, 1);
	state->guest_gdt[GDT_ENTRY_TSS] =
		make_segment((u32)(uintptr_t)&state->guest_tss,
			     sizeof(state->guest_tss) - 1, DESC_TSS32, 0);
}

void load_guest_gdt_entry(struct lguest *lg, u32 index, u32 lo, u32 hi)
{
	kill_guest(lg, "LHCALL_LOAD_GDT_ENTRY is not supported yet");
}

void guest_load_tls(struct lguest *lg, u32 gpa)
{
	kill_guest(lg, "LHCALL_LOAD_TLS is not supported yet");
}
