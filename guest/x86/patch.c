/*
 * Patching the paravirt sites (patch.h) for the world we booted in.
 *
 * The kernel's text is writable in its own mappings at this stage (in
 * both worlds), so each site is rewritten in place.  A site that runs
 * before guest_main() calls patch_sites() still works, only slower: it
 * calls through pv, which is chosen first.  Nothing here may use a site.
 */
#include <stddef.h>
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"

extern const struct pv_site pv_sites_start[], pv_sites_end[];

#define CHECK_OFF(op) _Static_assert(offsetof(struct pv_ops, op) == PV_OFF_##op, \
				     "PV_OFF_" #op " is offsetof(struct pv_ops, " #op ")")
CHECK_OFF(irq_disable);
CHECK_OFF(irq_enable);
CHECK_OFF(save_fl);
CHECK_OFF(restore_fl);
CHECK_OFF(safe_halt);
CHECK_OFF(load_idt_entry);
CHECK_OFF(load_gdt_entry);
CHECK_OFF(load_tls);
CHECK_OFF(set_kernel_stack);
CHECK_OFF(load_pgdir);
CHECK_OFF(set_pte);
CHECK_OFF(set_pgd);
CHECK_OFF(lazy_mmu_begin);
CHECK_OFF(lazy_mmu_end);
CHECK_OFF(flush_tlb_user);
CHECK_OFF(flush_tlb_all);
CHECK_OFF(set_clockevent);
CHECK_OFF(eoi);
CHECK_OFF(set_ts);
CHECK_OFF(clear_ts);
_Static_assert(offsetof(struct lguest_data, irq_enabled) == 0,
	       "lguest's templates use lguest_data as irq_enabled");

/* For messages: each patchable op's name, by its offset. */
static const char *op_name(unsigned op)
{
#define NAME(o) case PV_OFF_##o: return #o
	switch (op) {
	NAME(irq_disable); NAME(irq_enable); NAME(save_fl); NAME(restore_fl);
	NAME(safe_halt); NAME(load_idt_entry); NAME(load_gdt_entry);
	NAME(load_tls); NAME(set_kernel_stack); NAME(load_pgdir);
	NAME(set_pte); NAME(set_pgd); NAME(lazy_mmu_begin); NAME(lazy_mmu_end);
	NAME(flush_tlb_user); NAME(flush_tlb_all); NAME(set_clockevent);
	NAME(eoi); NAME(set_ts); NAME(clear_ts);
	}
#undef NAME
	return "unknown";
}

/* The recommended multi-byte nops (Intel's table): one instruction per
 * 9 bytes, where a run of 0x90 would cost one per byte.  A 1-byte
 * template in a 10-byte site then costs two instructions, not ten. */
#define NOP_MAX 9
static void fill_nops(u8 *p, unsigned len)
{
	static const u8 nops[NOP_MAX][NOP_MAX] = {
		{ 0x90 },
		{ 0x66, 0x90 },
		{ 0x0F, 0x1F, 0x00 },
		{ 0x0F, 0x1F, 0x40, 0x00 },
		{ 0x0F, 0x1F, 0x44, 0x00, 0x00 },
		{ 0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00 },
		{ 0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00 },
		{ 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
		{ 0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
	};

	while (len) {
		unsigned n = len > NOP_MAX ? NOP_MAX : len;

		memcpy(p, nops[n - 1], n);
		p += n;
		len -= n;
	}
}

static const struct pv_template *find_template(unsigned op)
{
	const struct pv_template *t = pv.patch_templates;

	for (; t && t->op; t++)
		if (t->op == op)
			return t;
	return NULL;
}

static const struct pv_site *site_of(u32 addr)
{
	for (const struct pv_site *s = pv_sites_start; s < pv_sites_end; s++)
		if (addr >= s->addr && addr < s->addr + s->len)
			return s;
	return NULL;
}

/* Where a site calls an op its world leaves out: say which, and where. */
static __attribute__((noreturn, used)) void pv_op_missing(void)
{
	u32 ret = (u32)__builtin_return_address(0);
	const struct pv_site *s = site_of(ret - 1);

	crash("the %s world has no pv op %s (called at 0x%x)", pv.world,
	      s ? op_name(s->op) : "?", s ? s->addr : ret);
}

/* The bytes of "call *pv+op": 0xFF 0x15 and the pointer's address. */
static int is_indirect_call(const u8 *p, unsigned op)
{
	u32 where = (u32)&pv + op;

	return p[0] == 0xFF && p[1] == 0x15 && !memcmp(p + 2, &where, 4);
}

static unsigned patched_inline, patched_call;

void patch_sites(void)
{
	for (const struct pv_site *s = pv_sites_start; s < pv_sites_end; s++) {
		u8 *site = (u8 *)s->addr, *call = site + s->call_off;
		const struct pv_template *t = find_template(s->op);
		void *fn = *(void **)((u8 *)&pv + s->op);

		if (!is_indirect_call(call, s->op))
			crash("pv site at 0x%x (%s) does not hold its call",
			      s->addr, op_name(s->op));
		if (t && t->end - t->start <= s->len) {
			unsigned n = (unsigned)(t->end - t->start);

			memcpy(site, t->start, n);
			fill_nops(site + n, s->len - n);
			patched_inline++;
		} else {
			u32 rel = (u32)(fn ? fn : (void *)pv_op_missing) - (u32)(call + 5);

			call[0] = 0xE8;		/* call rel32 */
			memcpy(call + 1, &rel, 4);
			fill_nops(call + 5, 1);
			fill_nops(site + s->pad_off, s->len - s->pad_off);
			patched_call++;
		}
	}
	patch_check();
}

void patch_check(void)
{
	for (const struct pv_site *s = pv_sites_start; s < pv_sites_end; s++)
		if (is_indirect_call((const u8 *)s->addr + s->call_off, s->op))
			crash("pv site at 0x%x (%s) was left unpatched",
			      s->addr, op_name(s->op));
}

void patch_asm_irq_disable(void);

/* "test=patch": what was patched, and that the patched sites work. */
static void test_patch(void)
{
	unsigned long off, on, asm_off;

	pv_irq_disable();
	off = pv_save_fl();
	pv_irq_enable();
	on = pv_save_fl();
	patch_asm_irq_disable();
	asm_off = pv_save_fl();
	pv_irq_enable();
	pv_restore_fl(off);
	printk("patch: %u sites, %u inline, %u direct calls, in the %s world; "
	       "flags off 0x%lx on 0x%lx restored 0x%lx\n",
	       (unsigned)(pv_sites_end - pv_sites_start), patched_inline,
	       patched_call, pv.world, off, on, pv_save_fl());
	if (off != 0 || on != X86_EFLAGS_IF || asm_off != 0 || pv_save_fl() != 0)
		crash("the patched interrupt-flag sites are wrong");
}

/* "test=patch-unpatched": put one site back as it was built, and the
 * check must catch it.  The site is one of load_idt_entry's: nothing runs
 * it between here and the check (a site of an op printk uses would run
 * unpatched first, with the wrong calling convention). */
static void test_patch_unpatched(void)
{
	const struct pv_site *s = pv_sites_start;

	while (s < pv_sites_end && s->op != PV_OFF_load_idt_entry)
		s++;
	if (s == pv_sites_end)
		crash("patch-unpatched: no load_idt_entry site");
	u8 *call = (u8 *)s->addr + s->call_off;
	u32 where = (u32)&pv + s->op;

	call[0] = 0xFF;
	call[1] = 0x15;
	memcpy(call + 2, &where, 4);
	printk("patch: un-patched the site at 0x%x (%s)\n", s->addr, op_name(s->op));
	patch_check();
	printk("patch_check() missed it!\n");
}

/* "test=patch-bench count=N": N interrupt-flag pairs (off, on) through
 * patched sites, then N through pv, timed with the TSC (under -icount,
 * instructions).  Interrupts stay off throughout in effect: nothing is
 * armed to arrive. */
static void test_patch_bench(void)
{
	unsigned long n = cmdline_number("count", 100000);
	unsigned long long t0, t1, t2;

	/* Through pv by hand: the build refuses the plain call (Makefile). */
	const struct pv_ops *ops = &pv;

	if (!ops->irq_disable || !ops->irq_enable)
		crash("patch-bench: the %s world has no interrupt-flag ops", pv.world);
	t0 = rdtsc();
	for (unsigned long i = 0; i < n; i++) {
		pv_irq_disable();
		pv_irq_enable();
	}
	t1 = rdtsc();
	for (unsigned long i = 0; i < n; i++) {
		ops->irq_disable();
		ops->irq_enable();
	}
	t2 = rdtsc();
	pv_irq_disable();
	printk("patch-bench: %lu pairs in the %s world; TSC ticks: patched %llu "
	       "through pv %llu\n", n, pv.world, t1 - t0, t2 - t1);
}

#include "test/test.h"
GUEST_TEST("patch", test_patch);
GUEST_TEST("patch-bench", test_patch_bench);
GUEST_TEST("patch-unpatched", test_patch_unpatched);
