/*
 * Where things are in the Switcher's pages, for the Switcher's assembler
 * and the Host's C alike.  lg.h checks every offset here against the C
 * structures with _Static_assert, so the two can never drift apart.
 *
 * Virtual layout at SWITCHER_ADDR, identical in the Host and every Guest:
 *   SWITCHER_CODE_PAGES pages of Switcher code   Guest: read-only
 *   the register page (struct lguest_regs at its end, under the stack
 *     the CPU uses when a Guest traps)           Guest: writable
 *   the state page (Host's saved descriptors, the Guest's GDT, IDT, TSS)
 *                                                Guest: read-only
 */
#ifndef HOST_SWITCHER_LAYOUT_H
#define HOST_SWITCHER_LAYOUT_H

#define SWITCHER_ADDR		0xFFC00000
#define SWITCHER_PGD_INDEX	1023
#define SWITCHER_CODE_PAGES	2
#define SWITCHER_PAGES_ADDR	(SWITCHER_ADDR + SWITCHER_CODE_PAGES * 4096)

/* struct lguest_pages, from its start (the register page). */
#define LGUEST_REGS_SIZE		72
#define LGUEST_PAGES_regs		(4096 - LGUEST_REGS_SIZE)
#define LGUEST_PAGES_regs_trapnum	(LGUEST_PAGES_regs + 44)
#define LGUEST_PAGES_regs_errcode	(LGUEST_PAGES_regs + 48)
#define LGUEST_PAGES_regs_eip		(LGUEST_PAGES_regs + 52)

/* The trap number the Switcher saves for a fault of its own, on its way
 * into the Guest (the vector goes in errcode, the faulting %eip in eip):
 * no vector is 256. */
#define LGUEST_TRAP_SWITCHER_FAULT	256
#define LGUEST_PAGES_host_cr3		4096
#define LGUEST_PAGES_host_idt_desc	4100
#define LGUEST_PAGES_host_gdt_desc	4106
#define LGUEST_PAGES_host_sp		4112
#define LGUEST_PAGES_guest_idt_desc	4116
#define LGUEST_PAGES_guest_gdt_desc	4122
#define LGUEST_PAGES_guest_tss		4128
#define LGUEST_PAGES_guest_idt		4232
#define LGUEST_PAGES_guest_gdt		6280

#endif
