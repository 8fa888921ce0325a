/*
 * The Guest's page tables.
 *
 * The Guest never runs on page tables it can write: the Host builds the
 * ones loaded into %cr3 from Host pages, and every entry in them points
 * into the Guest's RAM (or at the Switcher, in the top slot).
 *
 * This first version maps the Guest's RAM the way its boot contract
 * (include/lguest/boot.h) promises: at virtual 0 and again at
 * LGUEST_PAGE_OFFSET.  Both halves share the same page tables.
 */
#include <lguest/boot.h>
#include "../machine/memory.h"
#include "lg.h"

#define PGD_ENTRIES 1024
#define PAGE_OFFSET_PGD (LGUEST_PAGE_OFFSET >> 22)

/* The Switcher as every Guest sees it: code read-only, the register page
 * writable, the state page read-only.  None of it is user-accessible. */
static u32 *guest_switcher_pt;

void map_switcher_in_guest(u32 *pgdir)
{
	pgdir[SWITCHER_PGD_INDEX] = (u32)guest_switcher_pt | _PAGE_PRESENT | _PAGE_RW;
}

void switcher_pt_init(const u32 *code_frames, u32 regs_frame, u32 state_frame)
{
	guest_switcher_pt = page_alloc();
	for (unsigned i = 0; i < SWITCHER_CODE_PAGES; i++)
		guest_switcher_pt[i] = code_frames[i] | _PAGE_PRESENT;
	guest_switcher_pt[SWITCHER_CODE_PAGES] = regs_frame | _PAGE_PRESENT | _PAGE_RW;
	guest_switcher_pt[SWITCHER_CODE_PAGES + 1] = state_frame | _PAGE_PRESENT;
}

int guest_pagetables_init(struct lguest *lg)
{
	u32 tables = (lg->mem_size + (4u << 20) - 1) >> 22;

	lg->pgdir = page_alloc();
	lg->pgdir_machine = (u32)lg->pgdir;
	for (u32 i = 0; i < tables; i++) {
		u32 *pt = page_alloc();

		for (u32 j = 0; j < 1024; j++) {
			u32 gpa = (i << 22) | (j << 12);

			if (gpa >= lg->mem_size)
				break;
			/* User-accessible: which of its pages its own programs
			 * may touch is the Guest's business, not the Host's. */
			pt[j] = (lg->mem_machine + gpa) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;
		}
		lg->pgdir[i] = (u32)pt | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;
		lg->pgdir[PAGE_OFFSET_PGD + i] = lg->pgdir[i];
	}
	map_switcher_in_guest(lg->pgdir);
	return 0;
}

/* Where a Guest virtual address lands in Guest-physical memory, by the
 * tables the Guest is running on; 0 if it is not mapped there. */
int guest_virt_to_phys(struct lguest *lg, u32 vaddr, u32 *gpa)
{
	u32 pde = lg->pgdir[vaddr >> 22], pte;

	if (!(pde & _PAGE_PRESENT) || (vaddr >> 22) == SWITCHER_PGD_INDEX)
		return 0;
	pte = ((u32 *)(pde & PAGE_MASK))[(vaddr >> 12) & 1023];
	if (!(pte & _PAGE_PRESENT))
		return 0;
	*gpa = (pte & PAGE_MASK) - lg->mem_machine + (vaddr & ~PAGE_MASK);
	return *gpa < lg->mem_size;
}

/* Not yet: the Guest still runs on the fixed map built above. */
void guest_new_pagetable(struct lguest *lg, u32 pgdir_gpa)
{
	kill_guest(lg, "LHCALL_NEW_PGTABLE is not supported yet");
}

void guest_set_pte(struct lguest *lg, u32 pgdir_gpa, u32 vaddr, u32 pte)
{
	kill_guest(lg, "LHCALL_SET_PTE is not supported yet");
}

void guest_set_pgd(struct lguest *lg, u32 pgdir_gpa, u32 index)
{
	kill_guest(lg, "LHCALL_SET_PGD is not supported yet");
}

void guest_flush_tlb(struct lguest *lg, u32 all)
{
	kill_guest(lg, "LHCALL_FLUSH_TLB is not supported yet");
}

int demand_page(struct lguest *lg, u32 vaddr, u32 errcode)
{
	return 0;
}
