/*
 * The native world: the Guest kernel booted by a multiboot loader straight
 * onto the machine (QEMU's microvm), at ring 0, with no Host.  head.S
 * shares these with native*.c.
 */
#ifndef GUEST_NATIVE_H
#define GUEST_NATIVE_H

#include <lguest/boot.h>
#include <lguest/segments.h>

/* What a multiboot loader leaves in %eax. */
#define MULTIBOOT_MAGIC		0x2BADB002

/* Natively the kernel is the most privileged thing on the machine: its
 * segments are ring 0, where the Host's are ring 1 (GUEST_PL). */
#define NATIVE_KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)
#define NATIVE_KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)

#define CR0_TS		0x00000008
#define CR0_WP		0x00010000
#define CR0_PG		0x80000000
#define CR4_PSE		0x00000010

#define PDE_PRESENT	0x001
#define PDE_RW		0x002
#define PDE_PWT		0x008
#define PDE_PCD		0x010
#define PDE_4M		0x080

/* microvm's IOAPIC (0xFEC00000) and local APIC (0xFEE00000) share one
 * 4 MiB page, which we map uncached at its own address: above the linear
 * map of any Guest's RAM (LGUEST_MEM_MAX) and below the Switcher's slot. */
#define NATIVE_APIC_BASE	0xFEC00000
#define NATIVE_APIC_PDE		(NATIVE_APIC_BASE | PDE_PRESENT | PDE_RW | \
				 PDE_PWT | PDE_PCD | PDE_4M)
#define IOAPIC_BASE		0xFEC00000
/* microvm's second IOAPIC, GSI 24 to 47, where it puts the interrupts of
 * its virtio-mmio transports when it has one. */
#define IOAPIC2_BASE		0xFEC10000
#define IOAPIC2_FIRST_GSI	24
#define LAPIC_BASE		0xFEE00000

/* The vectors of the machine's interrupts: IRQ n (the IOAPIC's GSI n) at
 * 32 + n, as the Host delivers the Guest's IRQ n; the local APIC timer
 * takes IRQ 0's, the clock's number on the Host too. */
#define NATIVE_FIRST_IRQ_VECTOR	32
#define NATIVE_TIMER_VECTOR	NATIVE_FIRST_IRQ_VECTOR
#define NATIVE_SPURIOUS_VECTOR	0xFF

#ifndef __ASSEMBLER__
#include <lguest/types.h>

extern u64 native_gdt[GDT_ENTRIES];

/* native_boot.c: the boot description a Host would have written, built
 * from the multiboot information at physical mbi; its gpa. */
unsigned long native_boot(unsigned long mbi);
/* native.c: descriptor tables, TSS and devices, before anything else. */
void native_init(void);
/* native_apic.c: the timer and the IOAPIC, with the timer calibrated;
 * and the end-of-interrupt the local APIC needs after each one. */
void native_apic_init(void);
void native_set_clockevent(u32 ns);
void native_eoi(void);
/* Let the device interrupt at this GSI through. */
void native_unmask_irq(u32 gsi);

/* Whether the machine has the second IOAPIC (native_apic_init() found). */
extern int native_has_ioapic2;
/* TSC ticks the calibration took (a boot cost the Host does not pay yet). */
extern unsigned long long native_calibration_tsc;
/* The page directory slot that maps the APICs: native.c keeps it in every
 * page directory it loads, as the Host keeps the Switcher in each. */
#define NATIVE_APIC_SLOT	(NATIVE_APIC_BASE >> 22)
#endif

#endif
