/*
 * The Host's own invariants: what no Guest, however hostile, may change.
 *
 * At boot, once everything is in place, we note down what must stay the
 * same: a checksum of the Host's code and read-only data and of the
 * Switcher's code pages; copies of the Host's GDT and IDT and of what the
 * Switcher reads from its state page on the way home; and guard pages
 * either side of the Guest's RAM (the lower one is also the top of the
 * Host's page pool), and one at the bottom of the pool, all filled with
 * a pattern.  Before the machine ends, the
 * launcher asks whether they all still hold.  A Host bug that let a Guest
 * write where it must not (an unchecked length, an address off by a page)
 * then ends the run with LGUEST_EXIT_HOST_FAILED and says what broke,
 * instead of passing silently: every hostile test sees it.
 */
#include "../machine/cpu.h"
#include "kstring.h"
#include "lg.h"

extern const char host_start[], rodata_end[], switcher_phys[];

#define GUARD_PATTERN 0x4C475244u	/* "LGRD", mixed with the address */

/* What the Switcher relies on in its state page, besides the Guest's. */
struct switcher_facts {
	u32 host_cr3;
	struct desc_ptr host_idt_desc, host_gdt_desc;
	u32 esp0, ss0, io_bitmap_base;
	u64 host_entries[GDT_ENTRY_HOST_LAST + 1];
};

static struct {
	u32 host_sum, switcher_sum;
	u64 gdt[GDT_ENTRIES];
	u64 idt[256];
	struct switcher_facts facts;
	/* The pool's bottom and the first Guest's two, then two for each
	 * other Guest (invariants_guard_guest()). */
	u32 *guards[1 + 2 * LGUEST_MAX_GUESTS];
	unsigned nguards;
} saved;

/* FNV-1a, a 32-bit word a step (the odd bytes at the end one by one):
 * each step is a bijection of the hash, so any one changed word changes
 * the result.  A word a step, because the Host's image is a hundred
 * kilobytes, summed at every boot: a byte a step was half a million
 * instructions of it. */
typedef u32 __attribute__((may_alias, aligned(1))) any_u32;

static u32 checksum(const void *p, u32 len)
{
	const u8 *b = p;
	u32 h = 2166136261u;

	for (; len >= 4; len -= 4, b += 4)
		h = (h ^ *(const any_u32 *)b) * 16777619u;
	while (len--)
		h = (h ^ *b++) * 16777619u;
	return h;
}

static void read_facts(struct switcher_facts *f)
{
	const struct lguest_ro_state *s = &((struct lguest_pages *)SWITCHER_PAGES_ADDR)->state;

	*f = (struct switcher_facts){
		.host_cr3 = s->host_cr3,
		.host_idt_desc = s->host_idt_desc,
		.host_gdt_desc = s->host_gdt_desc,
		.esp0 = s->guest_tss.esp0,
		.ss0 = s->guest_tss.ss0,
		.io_bitmap_base = s->guest_tss.io_bitmap_base,
	};
	memcpy(f->host_entries, s->guest_gdt, sizeof(f->host_entries));
}

static void guard_fill(u32 *page)
{
	for (u32 i = 0; i < PAGE_SIZE / 4; i++)
		page[i] = GUARD_PATTERN ^ (u32)(uintptr_t)&page[i];
}

static const char *const guard_names[3] = {
	"the guard page at the bottom of the Host's pool was written",
	"the guard page between the Host's pool and the Guest's memory was written",
	"the guard page above the Guest's memory was written",
};

void invariants_record(void *pool_bottom, void *guest_below, void *guest_above)
{
	saved.host_sum = checksum(host_start, (u32)(rodata_end - host_start));
	saved.switcher_sum = checksum(switcher_phys, SWITCHER_CODE_PAGES * PAGE_SIZE);
	memcpy(saved.gdt, (const void *)host_gdt_desc.address, sizeof(saved.gdt));
	memcpy(saved.idt, (const void *)host_idt_desc.address, sizeof(saved.idt));
	read_facts(&saved.facts);
	saved.guards[0] = pool_bottom;
	saved.guards[1] = guest_below;
	saved.guards[2] = guest_above;
	saved.nguards = 3;
	for (unsigned g = 0; g < 3; g++)
		guard_fill(saved.guards[g]);
}

void invariants_guard_guest(void *guest_below, void *guest_above)
{
	if (saved.nguards + 2 > sizeof(saved.guards) / sizeof(saved.guards[0]))
		return;
	saved.guards[saved.nguards++] = guest_below;
	saved.guards[saved.nguards++] = guest_above;
	guard_fill(guest_below);
	guard_fill(guest_above);
}

/* NULL if every invariant holds, else which one broke first. */
const char *invariants_broken(void)
{
	struct switcher_facts now;
	struct desc_ptr gdtr, idtr;

	if (checksum(host_start, (u32)(rodata_end - host_start)) != saved.host_sum)
		return "the Host's code or read-only data changed";
	if (checksum(switcher_phys, SWITCHER_CODE_PAGES * PAGE_SIZE) != saved.switcher_sum)
		return "the Switcher's code changed";
	sgdt(&gdtr);
	sidt(&idtr);
	if (gdtr.address != host_gdt_desc.address || gdtr.size != host_gdt_desc.size)
		return "the CPU is not on the Host's GDT";
	if (idtr.address != host_idt_desc.address || idtr.size != host_idt_desc.size)
		return "the CPU is not on the Host's IDT";
	if (memcmp(saved.gdt, (const void *)host_gdt_desc.address, sizeof(saved.gdt)))
		return "the Host's GDT changed";
	if (memcmp(saved.idt, (const void *)host_idt_desc.address, sizeof(saved.idt)))
		return "the Host's IDT changed";
	read_facts(&now);
	if (memcmp(&now, &saved.facts, sizeof(now)))
		return "what the Switcher reads in its state page changed";
	for (unsigned g = 0; g < saved.nguards; g++)
		for (u32 i = 0; i < PAGE_SIZE / 4; i++)
			if (saved.guards[g][i] != (GUARD_PATTERN ^ (u32)(uintptr_t)&saved.guards[g][i]))
				return g < 3 ? guard_names[g] : "a guard page beside another "
					"Guest's memory was written";
	return NULL;
}
