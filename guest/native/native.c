/*
 * The native world: each paravirtual operation done with the real
 * instruction, since here the kernel runs at ring 0 and owns the machine.
 *
 * The descriptor tables follow segments.h's layout, the Host's slots
 * (1..3) included, so a selector means the same thing in both worlds; only
 * the kernel's own code and data segments differ: DPL 0 here, where the
 * Host gives them DPL 1 (see kernel_cs() in paravirt.h).
 */
#include <lguest/exit_status.h>
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "native/native.h"
#include "port_io.h"
#include "serial_log.h"
#include "uart.h"
#include "trap_names.h"
#include "x86/paravirt.h"
#include "x86/patch.h"



/* A flat 4 GiB segment: base 0, limit 0xFFFFF pages, 32-bit, present. */
#define FLAT_SEGMENT(type, dpl) \
	(0x00CF00000000FFFFull | ((u64)(0x90 | (dpl) << 5 | (type)) << 40))
#define CODE_TYPE 0xA	/* execute/read */
#define DATA_TYPE 0x2	/* read/write */

u64 native_gdt[GDT_ENTRIES] __attribute__((aligned(8))) = {
	[GDT_ENTRY_LGUEST_CS] = FLAT_SEGMENT(CODE_TYPE, 0),
	[GDT_ENTRY_LGUEST_DS] = FLAT_SEGMENT(DATA_TYPE, 0),
	[GDT_ENTRY_KERNEL_CS] = FLAT_SEGMENT(CODE_TYPE, 0),
	[GDT_ENTRY_KERNEL_DS] = FLAT_SEGMENT(DATA_TYPE, 0),
	[GDT_ENTRY_USER_CS] = FLAT_SEGMENT(CODE_TYPE, 3),
	[GDT_ENTRY_USER_DS] = FLAT_SEGMENT(DATA_TYPE, 3),
};

struct table_register {
	u16 limit;
	u32 base;
} __attribute__((packed));

/* head.S loads it with paging just on, before it has jumped high. */
const struct table_register native_gdt_desc = {
	sizeof(native_gdt) - 1, (u32)native_gdt
};

/* Natively we take traps ourselves, through our own IDT. */
static u64 native_idt[256] __attribute__((aligned(8)));

/* The task state segment: all we use of it is where the CPU finds the
 * kernel stack when a trap or interrupt arrives from ring 3.  No I/O
 * bitmap (its offset is past the limit): ring 3 may touch no port. */
static struct {
	u32 link, esp0, ss0, unused[22];
	u16 trap, iomap_base;
} __attribute__((packed)) native_tss;

#define TSS_DESC(base, limit)                                                  \
	(((u64)(limit) & 0xFFFF) | ((u64)(base) & 0xFFFFFF) << 16 |           \
	 (u64)0x89 << 40 | (((u64)(limit) >> 16) & 0xF) << 48 |                \
	 ((u64)(base) >> 24) << 56)

/* native_traps.S: a stub per exception, which calls native_trap(). */
extern const u32 native_trap_stubs[32];
extern const char native_spurious_stub[];

static u64 interrupt_gate(u32 handler)
{
	return (handler & 0xFFFF) | (u64)NATIVE_KERNEL_CS << 16 |
	       (u64)0x8E00 << 32 | (u64)(handler >> 16) << 48;
}

/* The names the Host's messages use, so one grep reads both worlds. */

struct trap_frame {
	u32 vector, errcode, eip, cs, eflags;
};

/* An exception nobody has taken over with load_idt_entry: on the Host it
 * would reach the Host, which kills the Guest; here there is no one to
 * ask, so we crash, saying what happened in the Host's words. */
void native_trap(const struct trap_frame *f)
{
	if (f->vector == 14) {
		u32 cr2;

		asm volatile("movl %%cr2, %0" : "=r"(cr2));
		crash("page fault at address 0x%x (eip 0x%x, error code 0x%x: "
		      "%s %s from ring %u)", cr2, f->eip, f->errcode,
		      f->errcode & 1 ? "protection violation on" : "unmapped",
		      f->errcode & 2 ? "write" : "read", f->cs & 3);
	}
	if (f->vector == LGUEST_TRAP_ENTRY)
		crash("hypercall (int $0x%x) at eip 0x%x: there is no Host "
		      "natively", f->vector, f->eip);
	crash("%s (trap %u) at eip 0x%x, error code 0x%x",
	      trap_name(f->vector),
	      f->vector, f->eip, f->errcode);
}


/* Where a trap from ring 3 lands until the kernel names its own stack with
 * set_kernel_stack (the Host, too, has none for us before SET_STACK). */
static char first_trap_stack[4096] __attribute__((aligned(16)));

/*
 * The FPU and SSE, switched on as the Host switches them on for a Guest:
 * MP (wait honours TS), NE (x87 errors as #MF), EM off; fxsave and SIMD
 * exceptions in CR4 where the CPU has them (cpuid leaf 1, %edx).
 */
#define CR0_MP		0x00000002
#define CR0_EM		0x00000004
#define CR0_NE		0x00000020
#define CR4_OSFXSR	0x00000200
#define CR4_OSXMMEXCPT	0x00000400
#define CPUID_FXSR	(1u << 24)
#define CPUID_SSE	(1u << 25)

static void fpu_enable(void)
{
	u32 eax = 1, ebx, ecx = 0, edx, cr0, cr4;

	asm volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	asm volatile("movl %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS);
	asm volatile("movl %0, %%cr0" : : "r"(cr0));
	asm volatile("movl %%cr4, %0" : "=r"(cr4));
	if (edx & CPUID_FXSR)
		cr4 |= CR4_OSFXSR;
	if (edx & CPUID_SSE)
		cr4 |= CR4_OSXMMEXCPT;
	asm volatile("movl %0, %%cr4" : : "r"(cr4));
	asm volatile("fninit");
}

void native_init(void)
{
	struct table_register idtr = { sizeof(native_idt) - 1, (u32)native_idt };

	uart_init();
	fpu_enable();

	native_tss.ss0 = NATIVE_KERNEL_DS;
	native_tss.esp0 = (u32)first_trap_stack + sizeof(first_trap_stack);
	native_tss.iomap_base = sizeof(native_tss);
	native_gdt[GDT_ENTRY_TSS] = TSS_DESC((u32)&native_tss, sizeof(native_tss) - 1);
	asm volatile("ltr %w0" : : "r"(LGUEST_TSS_SEL));

	for (unsigned v = 0; v < 32; v++)
		native_idt[v] = interrupt_gate(native_trap_stubs[v]);
	native_idt[NATIVE_SPURIOUS_VECTOR] = interrupt_gate((u32)native_spurious_stub);
	asm volatile("lidt %0" : : "m"(idtr));

	native_apic_init();
}

static void native_irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

static void native_irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

static unsigned long native_save_fl(void)
{
	unsigned long flags;

	asm volatile("pushfl; popl %0" : "=r"(flags) : : "memory");
	return flags & X86_EFLAGS_IF;
}

/* popf at ring 0 does change IF (at ring 1 it would silently not). */
static void native_restore_fl(unsigned long flags)
{
	unsigned long now;

	asm volatile("pushfl; popl %0" : "=r"(now));
	now = (now & ~X86_EFLAGS_IF) | (flags & X86_EFLAGS_IF);
	asm volatile("pushl %0; popfl" : : "r"(now) : "memory", "cc");
}

/* sti holds interrupts off for one more instruction: none can slip in
 * between it and the hlt and leave us asleep with it already handled. */
static void native_safe_halt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}

static void native_load_idt_entry(unsigned vector, u64 gate)
{
	if (vector >= 256)
		crash("load_idt_entry: vector %u is over 255", vector);
	native_idt[vector] = gate;
}

/*
 * The CPU reads a descriptor only when a selector is loaded.  On the Host
 * every return into the Guest reloads its segment registers, so a changed
 * entry takes effect at once, and one emptied under a live %fs or %gs
 * leaves that register null.  Natively we do the same by hand for %fs and
 * %gs, the registers the kernel lets point at changeable entries; %ds,
 * %es and %ss hold the kernel's own, which nobody changes.
 */
#define DESC_PRESENT (1ull << 47)

#define RELOAD_SEG(reg, first, last)                                          \
	do {                                                                  \
		u32 sel;                                                      \
		asm volatile("movl %%" reg ", %0" : "=r"(sel));               \
		if (!(sel & 4) && (sel >> 3) >= (first) && (sel >> 3) <= (last)) { \
			if (!(native_gdt[sel >> 3] & DESC_PRESENT))           \
				sel = 0;                                      \
			asm volatile("movl %0, %%" reg : : "r"(sel));         \
		}                                                             \
	} while (0)

static void reload_segments(unsigned first, unsigned last)
{
	RELOAD_SEG("fs", first, last);
	RELOAD_SEG("gs", first, last);
}

static void native_load_gdt_entry(unsigned index, u64 desc)
{
	if (index <= GDT_ENTRY_HOST_LAST || index >= GDT_ENTRIES)
		crash("load_gdt_entry: entry %u is not the kernel's to set", index);
	native_gdt[index] = desc;
	reload_segments(index, index);
}

static void native_load_tls(const u64 tls[GDT_ENTRY_TLS_ENTRIES])
{
	for (unsigned i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		native_gdt[GDT_ENTRY_TLS_MIN + i] = tls[i];
	reload_segments(GDT_ENTRY_TLS_MIN, GDT_ENTRY_TLS_MAX);
}

static void native_set_kernel_stack(u32 esp)
{
	native_tss.esp0 = esp;
}

static u32 *current_pgdir;

static void native_load_pgdir(u32 *pgdir)
{
	pgdir[NATIVE_APIC_SLOT] = NATIVE_APIC_PDE;
	current_pgdir = pgdir;
	asm volatile("movl %0, %%cr3" : : "r"(__pa(pgdir)) : "memory");
}

/*
 * On the Host, SET_PTE reaches every shadow that maps the entry at once,
 * and the kernel's mm code relies on that.  Natively the one place a stale
 * copy can live is this CPU's TLB: drop it.  The entry may be in another
 * directory than the one running, but a kernel one (in the kernel half,
 * which every directory shares) is visible here too, so always invlpg:
 * in a directory not running, it costs only a TLB entry.
 */
static void native_set_pte(u32 *pgdir, u32 vaddr, u32 *ptep, u32 pte)
{
	*ptep = pte;
	asm volatile("invlpg (%0)" : : "r"(vaddr) : "memory");
}

/* A whole page table changed under the running directory: flush it all
 * (no global pages, so a %cr3 reload does). */
static void native_set_pgd(u32 *pgdir, unsigned index, u32 pde)
{
	pgdir[index] = pde;
	if (pgdir == current_pgdir)
		asm volatile("movl %%cr3, %%eax; movl %%eax, %%cr3" : : : "eax", "memory");
}

/* No global pages: a %cr3 reload flushes everything. */
static void native_flush_tlb(void)
{
	u32 cr3;

	asm volatile("movl %%cr3, %0; movl %0, %%cr3" : "=r"(cr3) : : "memory");
}

static void native_lazy_mmu(void)
{
	/* Every store above is already done: nothing was deferred. */
}

static void native_set_ts(void)
{
	u32 cr0;

	asm volatile("movl %%cr0, %0" : "=r"(cr0));
	asm volatile("movl %0, %%cr0" : : "r"(cr0 | CR0_TS));
}

static void native_clear_ts(void)
{
	asm volatile("clts");
}

/* The kernel's messages: natively the serial line is ours, and we keep to
 * its records as the Host does (include/lguest/console.h). */
static void native_console_write(const char *s, size_t len)
{
	serial_log_guest(s, len);
}

/* QEMU's isa-debug-exit device ends the run, exactly as the Host does
 * when the Guest powers off there: the lguest command cannot tell. */
static __attribute__((noreturn)) void native_exit_port(unsigned value)
{
	asm volatile("cli");
	outl(LGUEST_EXIT_PORT, value);
	/* No such device (another loader): stop here. */
	for (;;)
		asm volatile("hlt");
}

static __attribute__((noreturn)) void native_power_off(unsigned status)
{
	/* The Host refuses a status it would confuse with its own. */
	if (status > LGUEST_STATUS_MAX)
		crash("power off with exit status %u, over the limit of %u",
		      status, LGUEST_STATUS_MAX);
	native_exit_port(serial_log_exit_port_value(status));
}

/* The verdict the Host would give, in its words: with no Host, the kernel
 * is the machine, and the lguest command hears the same line either way. */
static __attribute__((noreturn)) void native_crash(const char *msg)
{
	static const char prefix[] = "Guest crashed: ";
	static char line[sizeof(prefix) - 1 + LGUEST_MESSAGE_MAX];
	size_t n = strnlen(msg, LGUEST_MESSAGE_MAX);

	memcpy(line, prefix, sizeof(prefix) - 1);
	memcpy(line + sizeof(prefix) - 1, msg, n);
	serial_log_line(line, sizeof(prefix) - 1 + n);
	native_exit_port(LGUEST_EXIT_PORT_VALUE(LGUEST_EXIT_CRASHED));
}

/* The Host restarts a Guest from its original image; natively that image
 * is long overwritten, and nothing here could load it again. */
static __attribute__((noreturn)) void native_restart(void)
{
	crash("restart is not supported natively");
}

const struct pv_ops native_pv_ops = {
	.world = "native",
	.kernel_rpl = 0,
	.irq_disable = native_irq_disable,
	.irq_enable = native_irq_enable,
	.save_fl = native_save_fl,
	.restore_fl = native_restore_fl,
	.safe_halt = native_safe_halt,
	.load_idt_entry = native_load_idt_entry,
	.load_gdt_entry = native_load_gdt_entry,
	.load_tls = native_load_tls,
	.set_kernel_stack = native_set_kernel_stack,
	.load_pgdir = native_load_pgdir,
	.set_pte = native_set_pte,
	.set_pgd = native_set_pgd,
	.flush_tlb_user = native_flush_tlb,
	.flush_tlb_all = native_flush_tlb,
	.lazy_mmu_begin = native_lazy_mmu,
	.lazy_mmu_end = native_lazy_mmu,
	.set_clockevent = native_set_clockevent,
	.eoi = native_eoi,
	.unmask_irq = native_unmask_irq,
	.set_ts = native_set_ts,
	.clear_ts = native_clear_ts,
	.console_write = native_console_write,
	.power_off = native_power_off,
	.crash = native_crash,
	.restart = native_restart,
	.patch_templates = native_patch_templates,
};
