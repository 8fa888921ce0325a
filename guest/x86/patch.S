/*
 * Each world's inline templates for paravirt sites (patch.h): the
 * instructions patch_sites() copies over a site instead of a call, when
 * they fit.  They must do what the op does and touch no register beyond
 * what a call may (%eax, %ecx, %edx, the flags); restore_fl's site has
 * already pushed nothing when it starts, and finds its argument in %eax.
 * They are never run where they stand, so they live in .rodata.
 */
#include <lguest/hcall.h>
#include "native/native.h"
#include "x86/patch.h"

#define X86_EFLAGS_IF 0x200
#define LAPIC_EOI 0x0B0

/* TEMPLATE(op, instructions...): one entry of the table being built. */
#define TEMPLATE(op, insns...) \
	.long PV_OFF_##op, 1f, 2f; \
	.pushsection .rodata.pv_template_code, "a"; 1: insns; 2: .popsection

	.section .rodata
	.align 4
/* Natively each op is the instruction the kernel would have used. */
	.globl native_patch_templates
native_patch_templates:
	TEMPLATE(irq_disable, cli)
	TEMPLATE(irq_enable, sti)
	TEMPLATE(save_fl, pushfl; popl %eax; andl $X86_EFLAGS_IF, %eax)
	TEMPLATE(restore_fl, pushl %eax; popfl)
	TEMPLATE(safe_halt, sti; hlt)
	TEMPLATE(flush_tlb_user, movl %cr3, %eax; movl %eax, %cr3)
	TEMPLATE(flush_tlb_all, movl %cr3, %eax; movl %eax, %cr3)
	TEMPLATE(clear_ts, clts)
	TEMPLATE(lazy_mmu_begin, )	/* nothing is deferred natively */
	TEMPLATE(lazy_mmu_end, )
	TEMPLATE(eoi, movl $0, LAPIC_BASE + LAPIC_EOI)
	.long 0, 0, 0

/* On the Host, the interrupt flag is lguest_data.irq_enabled (its first
 * word): turning it off and reading it are plain memory accesses.  Turning
 * it on must also check irq_pending, which takes a call. */
	.globl lguest_patch_templates
lguest_patch_templates:
	TEMPLATE(irq_disable, movl $0, lguest_data)
	TEMPLATE(save_fl, movl lguest_data, %eax)
	TEMPLATE(eoi, )		/* the Host needs no end-of-interrupt */
	.long 0, 0, 0

/* A site in assembler, for test=patch: PV_ASM_CALL0 is patched too. */
	.text
	.globl patch_asm_irq_disable
patch_asm_irq_disable:
	PV_ASM_CALL0(irq_disable)
	ret
	.section .note.GNU-stack, "", @progbits
