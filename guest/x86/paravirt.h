/*
 * Paravirtualization: every operation the Guest kernel does differently on
 * the Host than on bare hardware, behind one table.
 *
 * At ring 1 on the Host, "cli" faults, "mov %cr3" faults, and "popf"
 * silently ignores the interrupt flag; so every such operation goes through
 * pv, which boot fills in for the world the kernel finds itself in
 * (native.c or lguest.c).  Nothing outside those files may use the
 * privileged instructions themselves.  Call the hot ops through patch.h's
 * pv_NAME() sites, which boot rewrites into the world's own code.
 */
#ifndef GUEST_PARAVIRT_H
#define GUEST_PARAVIRT_H

#include <stddef.h>
#include <lguest/segments.h>
#include <lguest/types.h>

struct pv_template;
struct virtio_driver;

struct pv_ops {
	const char *world;	/* "lguest" or "native" */
	/* The ring the kernel runs at: GUEST_PL on the Host, 0 natively. */
	unsigned kernel_rpl;

	/* The interrupt flag: flags values are 0 or X86_EFLAGS_IF. */
	void (*irq_disable)(void);
	void (*irq_enable)(void);
	unsigned long (*save_fl)(void);
	void (*restore_fl)(unsigned long flags);
	/* Enable interrupts and wait for one, without a window between. */
	void (*safe_halt)(void);

	/* Descriptor tables and the kernel stack for traps from ring 3. */
	void (*load_idt_entry)(unsigned vector, u64 gate);
	void (*load_gdt_entry)(unsigned index, u64 desc);
	void (*load_tls)(const u64 tls[GDT_ENTRY_TLS_ENTRIES]);
	void (*set_kernel_stack)(u32 esp);

	/* Page tables.  Pointers are kernel virtual addresses. */
	void (*load_pgdir)(u32 *pgdir);
	void (*set_pte)(u32 *pgdir, u32 vaddr, u32 *ptep, u32 pte);
	void (*set_pgd)(u32 *pgdir, unsigned index, u32 pde);
	void (*flush_tlb_user)(void);
	void (*flush_tlb_all)(void);
	/* Between these, page-table updates may be batched. */
	void (*lazy_mmu_begin)(void);
	void (*lazy_mmu_end)(void);

	/* A one-shot timer interrupt in ns nanoseconds; 0 cancels. */
	void (*set_clockevent)(u32 ns);
	/* An interrupt handler is done with its interrupt: natively the
	 * local APIC wants an end-of-interrupt; the Host needs nothing. */
	void (*eoi)(void);

	/* CR0.TS, for lazy FPU switching. */
	void (*set_ts)(void);
	void (*clear_ts)(void);

	/* A driver wants its device's interrupt (number irq, as the boot
	 * description gives it): natively its IOAPIC pin is unmasked; on the
	 * Host it leaves lguest_data.blocked_interrupts. */
	void (*unmask_irq)(u32 irq);
	/* How a driver tells its device a queue has work (struct
	 * virtio_driver's notify): NULL natively, a store to the register;
	 * on the Host, LHCALL_NOTIFY. */
	void (*virtio_notify)(struct virtio_driver *d, u32 queue);

	/* The early console and the ways out. */
	void (*console_write)(const char *s, size_t len);
	void (*power_off)(unsigned status) __attribute__((noreturn));
	void (*crash)(const char *msg) __attribute__((noreturn));
	void (*restart)(void) __attribute__((noreturn));

	/* The world's inline templates for patched call sites (patch.h). */
	const struct pv_template *patch_templates;
};

extern struct pv_ops pv;

/* Each world's table, and the boot code that picks one. */
extern const struct pv_ops lguest_pv_ops, native_pv_ops;

/*
 * The kernel's selectors, with the world's ring as their RPL: the Host's
 * GDT gives the kernel segments DPL 1, the native one DPL 0, and a selector
 * whose RPL is not the CPL cannot be loaded into %ss.  Build every kernel
 * selector (gates, trap frames, %ss for a new stack) with these, never
 * with a fixed "| 1".
 */
static inline u16 kernel_cs(void)
{
	return (u16)(GDT_ENTRY_KERNEL_CS * 8 + pv.kernel_rpl);
}

static inline u16 kernel_ds(void)
{
	return (u16)(GDT_ENTRY_KERNEL_DS * 8 + pv.kernel_rpl);
}

#define X86_EFLAGS_IF 0x200

#endif
