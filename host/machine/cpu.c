/*
 * The Host's GDT, TSS and IDT.
 *
 * The GDT's first entries are the ones the Switcher depends on
 * (include/lguest/segments.h): the Host runs on LGUEST_CS and LGUEST_DS
 * itself, so the Switcher never has to change code segment on its way
 * between worlds.
 */
#include <lguest/segments.h>
#include "console.h"
#include "cpu.h"
#include "desc.h"
#include "trap_names.h"

/* The Host's TSS.  The CPU insists on one, but never reads it: the Host
 * only runs at ring 0, so no trap it takes changes stacks. */
static struct {
	u32 fields[26];
} __attribute__((aligned(16))) host_tss;

static u64 host_gdt[GDT_ENTRIES] __attribute__((aligned(16)));
static u64 host_idt[256] __attribute__((aligned(16)));
struct desc_ptr host_gdt_desc, host_idt_desc;

extern const u32 host_vectors[256];
static irq_handler irq_handlers[256];



/*
 * The FPU and SSE, for the Guest: the Host never uses them itself (it is
 * built without), so all it does is switch them on.  CR0.MP makes "wait"
 * honour TS too, so lazy switching catches every x87 instruction; EM off,
 * or every one would fault; NE reports x87 errors as #MF, not through the
 * PC's old interrupt line.  CR4.OSFXSR says we save state with fxsave
 * (without it SSE instructions raise #UD), OSXMMEXCPT that SIMD errors
 * raise #XM.
 */
static void fpu_enable(void)
{
	u32 features = cpuid_edx(1), cr4 = read_cr4();

	write_cr0((read_cr0() | X86_CR0_MP | X86_CR0_NE) & ~(X86_CR0_EM | X86_CR0_TS));
	if (features & X86_FEATURE_FXSR)
		cr4 |= X86_CR4_OSFXSR;
	if (features & X86_FEATURE_SSE)
		cr4 |= X86_CR4_OSXMMEXCPT;
	write_cr4(cr4);
}

void cpu_init(void)
{
	host_gdt[GDT_ENTRY_LGUEST_CS] = FLAT_CODE_RING0;
	host_gdt[GDT_ENTRY_LGUEST_DS] = FLAT_DATA_RING0;
	host_gdt[GDT_ENTRY_TSS] = make_segment((u32)&host_tss,
					       sizeof(host_tss) - 1,
					       DESC_TSS32, 0);
	host_gdt_desc.size = sizeof(host_gdt) - 1;
	host_gdt_desc.address = (u32)host_gdt;
	lgdt(&host_gdt_desc);
	asm volatile("ljmp %0, $1f\n1:\n"
		     "movl %1, %%eax\n"
		     "movl %%eax, %%ds\n movl %%eax, %%es\n movl %%eax, %%ss\n"
		     "xorl %%eax, %%eax\n movl %%eax, %%fs\n movl %%eax, %%gs\n"
		     : : "i"(LGUEST_CS), "i"(LGUEST_DS) : "eax", "memory");
	/* No I/O bitmap: the offset points past the TSS's limit. */
	host_tss.fields[25] = sizeof(host_tss) << 16;
	ltr(LGUEST_TSS_SEL);

	for (unsigned v = 0; v < 256; v++)
		host_idt[v] = make_gate(LGUEST_CS, host_vectors[v],
					GATE_INTERRUPT, 0);
	host_idt_desc.size = sizeof(host_idt) - 1;
	host_idt_desc.address = (u32)host_idt;
	lidt(&host_idt_desc);
	fpu_enable();
}

void set_irq_handler(unsigned vector, irq_handler fn)
{
	irq_handlers[vector] = fn;
}

/* Every trap and interrupt the Host itself takes.  A trap at ring 0 is a
 * Host bug: we say everything we know and stop. */
void host_trap(struct trap_frame *f)
{
	if (f->vector >= 32) {
		if (irq_handlers[f->vector])
			irq_handlers[f->vector](f->vector);
		else
			host_debug("spurious interrupt %u", f->vector);
		return;
	}
	panic("%s (trap %u) in the Host at eip 0x%x, error code 0x%x, cr2 0x%x",
	      trap_name(f->vector), f->vector, f->eip, f->errcode, read_cr2());
}
