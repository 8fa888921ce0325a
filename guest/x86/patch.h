/*
 * Paravirt call sites, patched at boot.
 *
 * Calling through pv costs an indirect call for what is, natively, one
 * instruction ("cli"), and on the Host one store ("movl $0,
 * lguest_data.irq_enabled").  So the hot operations are called through
 * these macros instead of pv.op(): each emits the call through pv, padded
 * to PV_SITE_LEN bytes, and records the site (where, how long, where its
 * call is, which op) in the .pv_sites section.  Once guest_main() has
 * chosen the world, patch_sites() rewrites every site in place: with the
 * world's short template for that op when it fits (patch.S), else with a
 * direct call to the world's function, padded with nops.  patch_check()
 * then fails loudly if any site still holds its indirect call.
 *
 * To convert a call site: pv.irq_disable() becomes pv_irq_disable(), and
 * so on for the ops below (each takes what its pv op takes).  In
 * assembler (.S files), PV_ASM_CALL0(op) is the same site for an op
 * without arguments; it clobbers what a C call does (%eax, %ecx, %edx, the
 * flags).  Every op with a PV_OFF_ constant is a site, and the build
 * refuses a plain pv.op() call of one (Makefile).  The others, called
 * through pv, run once or on the way out: the early console, power off,
 * crash, restart and unmask_irq.
 */
#ifndef GUEST_PATCH_H
#define GUEST_PATCH_H

/* Room at every site: the longest template (lguest's cli, a 10-byte
 * store) must fit, and a 1-argument call (push, call, add) takes 10. */
#define PV_SITE_LEN 10

/* Each op's offset in struct pv_ops, for the site records and for
 * assembler; patch.c checks them against offsetof(). */
#define PV_OFF_irq_disable	8
#define PV_OFF_irq_enable	12
#define PV_OFF_save_fl		16
#define PV_OFF_restore_fl	20
#define PV_OFF_safe_halt	24
#define PV_OFF_load_idt_entry	28
#define PV_OFF_load_gdt_entry	32
#define PV_OFF_load_tls		36
#define PV_OFF_set_kernel_stack	40
#define PV_OFF_load_pgdir	44
#define PV_OFF_set_pte		48
#define PV_OFF_set_pgd		52
#define PV_OFF_flush_tlb_user	56
#define PV_OFF_flush_tlb_all	60
#define PV_OFF_lazy_mmu_begin	64
#define PV_OFF_lazy_mmu_end	68
#define PV_OFF_set_clockevent	72
#define PV_OFF_eoi		76
#define PV_OFF_set_ts		80
#define PV_OFF_clear_ts		84

/*
 * One site: "pre", the call through pv, "post", nops up to PV_SITE_LEN
 * (none if it is longer already: gas's ">" gives -1 for true; a .rept,
 * because a .skip of nothing draws a warning); and its
 * record: address, length, the call's offset, the padding's offset, the
 * op.  op is the op's offset as a string.
 */
#define PV_PAD "(" PV_XSTR(PV_SITE_LEN) " - (663b - 661b))"
#define PV_SITE(op, pre, post)                                              \
	"661:\n\t" pre "662:\n\tcall *pv+" op "\n\t" post "663:\n\t"          \
	".rept -" PV_PAD " * (" PV_PAD " > 0)\n\tnop\n\t.endr\n"              \
	"664:\n\t"                                                           \
	".pushsection .pv_sites, \"a\"\n\t"                                  \
	".balign 4\n\t.long 661b\n\t"                                        \
	".byte 664b - 661b, 662b - 661b, 663b - 661b, " op "\n\t"            \
	".popsection\n"
#define PV_STR(x) #x
#define PV_XSTR(x) PV_STR(x)

#ifdef __ASSEMBLER__
#define PV_ASM_CALL0(op)                                                     \
	661: call *pv + PV_OFF_##op; 663:                                    \
	.skip PV_SITE_LEN - (663b - 661b), 0x90; 664:                        \
	.pushsection .pv_sites, "a"; .balign 4; .long 661b;                  \
	.byte 664b - 661b, 0, 663b - 661b, PV_OFF_##op; .popsection
#else
#include <lguest/types.h>

/* A site's record in .pv_sites. */
struct pv_site {
	u32 addr;
	u8 len, call_off, pad_off, op;
};

/* A world's inline template for one op (patch.S): op 0 ends the list. */
struct pv_template {
	u32 op;
	const u8 *start, *end;
};

extern const struct pv_template native_patch_templates[], lguest_patch_templates[];

/* Rewrite every site for the world in pv; then check none was missed. */
void patch_sites(void);
void patch_check(void);

#define PV_CLOBBERS "ecx", "edx", "memory", "cc"
#define PV_CALL0(op)                                                         \
	asm volatile(PV_SITE(PV_XSTR(PV_OFF_##op), "", "")                   \
		     : : : "eax", PV_CLOBBERS)
#define PV_CALL1(op, arg)                                                    \
	do {                                                                 \
		unsigned long pv_arg_ = (unsigned long)(arg);                \
		asm volatile(PV_SITE(PV_XSTR(PV_OFF_##op), "pushl %%eax\n\t", \
				     "addl $4, %%esp\n\t")                   \
			     : "+a"(pv_arg_) : : PV_CLOBBERS);               \
	} while (0)

/* Three and four arguments: pushed from registers, popped after. */
#define PV_CALL3(op, a1, a2, a3)                                             \
	do {                                                                 \
		unsigned long pv_a1_ = (unsigned long)(a1),                  \
			      pv_a2_ = (unsigned long)(a2),                  \
			      pv_a3_ = (unsigned long)(a3);                  \
		asm volatile(PV_SITE(PV_XSTR(PV_OFF_##op),                   \
				     "pushl %%ecx\n\tpushl %%edx\n\t"         \
				     "pushl %%eax\n\t", "addl $12, %%esp\n\t")  \
			     : "+a"(pv_a1_), "+d"(pv_a2_), "+c"(pv_a3_)      \
			     : : "memory", "cc");                            \
	} while (0)
#define PV_CALL4(op, a1, a2, a3, a4)                                         \
	do {                                                                 \
		unsigned long pv_a1_ = (unsigned long)(a1),                  \
			      pv_a2_ = (unsigned long)(a2),                  \
			      pv_a3_ = (unsigned long)(a3);                  \
		asm volatile(PV_SITE(PV_XSTR(PV_OFF_##op),                   \
				     "pushl %3\n\tpushl %%ecx\n\t"              \
				     "pushl %%edx\n\tpushl %%eax\n\t",           \
				     "addl $16, %%esp\n\t")                     \
			     : "+a"(pv_a1_), "+d"(pv_a2_), "+c"(pv_a3_)      \
			     : "r"((unsigned long)(a4)) : "memory", "cc");   \
	} while (0)

static inline void pv_irq_disable(void) { PV_CALL0(irq_disable); }
static inline void pv_irq_enable(void) { PV_CALL0(irq_enable); }
static inline void pv_safe_halt(void) { PV_CALL0(safe_halt); }
static inline void pv_flush_tlb_user(void) { PV_CALL0(flush_tlb_user); }
static inline void pv_flush_tlb_all(void) { PV_CALL0(flush_tlb_all); }
static inline void pv_eoi(void) { PV_CALL0(eoi); }
static inline void pv_set_ts(void) { PV_CALL0(set_ts); }
static inline void pv_clear_ts(void) { PV_CALL0(clear_ts); }
static inline void pv_restore_fl(unsigned long flags) { PV_CALL1(restore_fl, flags); }
static inline void pv_load_pgdir(u32 *pgdir) { PV_CALL1(load_pgdir, pgdir); }
static inline void pv_set_clockevent(u32 ns) { PV_CALL1(set_clockevent, ns); }
static inline void pv_set_kernel_stack(u32 esp) { PV_CALL1(set_kernel_stack, esp); }
static inline void pv_lazy_mmu_begin(void) { PV_CALL0(lazy_mmu_begin); }
static inline void pv_lazy_mmu_end(void) { PV_CALL0(lazy_mmu_end); }
/* A 64-bit argument is two words on the stack, low first: the call
 * pushes them as two arguments. */
static inline void pv_load_idt_entry(unsigned vector, u64 gate)
{
	PV_CALL3(load_idt_entry, vector, (u32)gate, (u32)(gate >> 32));
}
static inline void pv_load_gdt_entry(unsigned index, u64 desc)
{
	PV_CALL3(load_gdt_entry, index, (u32)desc, (u32)(desc >> 32));
}
static inline void pv_load_tls(const u64 *tls) { PV_CALL1(load_tls, tls); }
static inline void pv_set_pgd(u32 *pgdir, unsigned index, u32 pde)
{
	PV_CALL3(set_pgd, pgdir, index, pde);
}
static inline void pv_set_pte(u32 *pgdir, u32 vaddr, u32 *ptep, u32 pte)
{
	PV_CALL4(set_pte, pgdir, vaddr, ptep, pte);
}

static inline unsigned long pv_save_fl(void)
{
	unsigned long flags;

	asm volatile(PV_SITE(PV_XSTR(PV_OFF_save_fl), "", "")
		     : "=a"(flags) : : PV_CLOBBERS);
	return flags;
}
#endif

#endif
