/*
 * Reading and checking the Guest's page tables (see page_tables.h).
 *
 * Every number here comes from Guest memory, which the Guest can change at
 * any moment: each entry is read once, checked, and only the checked copy
 * is used.
 */
#include "lg.h"
#include "page_tables.h"

int guest_pgdir_ok(const struct lguest *lg, u32 gpa)
{
	return gpa % PAGE_SIZE == 0 && lguest_address_ok(lg, gpa, PAGE_SIZE);
}

int guest_frame_ok(const struct lguest *lg, u32 entry)
{
	return lguest_address_ok(lg, entry & PAGE_MASK, PAGE_SIZE);
}

int guest_device_frame(const struct lguest *lg, u32 entry)
{
	u32 frame = entry & PAGE_MASK;

	return frame >= lg->device_base && frame - lg->device_base < lg->device_size;
}

static u32 read_entry(const struct lguest *lg, u32 gpa)
{
	return *(const volatile u32 *)(lg->mem + gpa);
}

enum gwalk guest_walk(const struct lguest *lg, u32 pgdir_gpa, u32 vaddr,
		      struct gwalk_result *w)
{
	/* The Switcher's slot is never the Guest's, whatever it wrote there. */
	if (pgd_index(vaddr) == SWITCHER_PGD_INDEX)
		return GWALK_SWITCHER;
	w->pde_gpa = pgdir_gpa + pgd_index(vaddr) * 4;
	w->pde = read_entry(lg, w->pde_gpa);
	if (!(w->pde & _PAGE_PRESENT))
		return GWALK_NO_PDE;
	/* We tell the Guest nothing of PSE, and shadowing a 4 MiB page as
	 * 1024 small ones would need dirty tracking for the whole 4 MiB in
	 * one bit: a Guest that uses one is killed. */
	if (w->pde & _PAGE_PSE)
		return GWALK_PSE;
	if (!guest_frame_ok(lg, w->pde))
		return GWALK_BAD_PDE;
	w->pte_gpa = (w->pde & PAGE_MASK) + pte_index(vaddr) * 4;
	w->pte = read_entry(lg, w->pte_gpa);
	if (!(w->pte & _PAGE_PRESENT))
		return GWALK_NO_PTE;
	if (!guest_frame_ok(lg, w->pte))
		return guest_device_frame(lg, w->pte) ? GWALK_DEVICE : GWALK_BAD_PTE;
	return GWALK_OK;
}

/* As the CPU does: a write needs both levels writable (ring 1 counts as
 * supervisor, and the Host runs with CR0.WP so that binds it too); an
 * access from ring 3 needs both levels user. */
int guest_allows(u32 pde, u32 pte, u32 errcode)
{
	u32 both = pde & pte;

	if ((errcode & PF_WRITE) && !(both & _PAGE_RW))
		return 0;
	if ((errcode & PF_USER) && !(both & _PAGE_USER))
		return 0;
	return 1;
}

u32 shadow_pte(const struct lguest *lg, u32 pde, u32 pte)
{
	/* Present, and the caching bits as the Guest asked.  Global is left
	 * out: every shadow is thrown away on its own terms, not the TLB's. */
	u32 flags = _PAGE_PRESENT | (pte & (_PAGE_PWT | _PAGE_PCD | _PAGE_ACCESSED |
					    _PAGE_DIRTY));

	flags |= pde & pte & _PAGE_USER;
	if ((pde & pte & _PAGE_RW) && (pte & _PAGE_DIRTY))
		flags |= _PAGE_RW;
	return (lg->mem_machine + (pte & PAGE_MASK)) | flags;
}
