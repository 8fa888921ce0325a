/*
 * The Guest kernel's page tables, and address spaces for its processes.
 *
 * We boot on tables someone else built (on the Host: boot.h's, which map
 * RAM at 0 as well, for the entry code).  mm_init() builds our own: RAM
 * linearly at LGUEST_PAGE_OFFSET, nothing at 0, so a NULL or user pointer
 * followed by the kernel faults instead of reading physical memory.
 *
 * The kernel half of the page directory (slots KERNEL_PGD_FIRST up) is
 * made once, here, and copied into every address space; it never changes
 * after.  The Host relies on that to share one shadow of it among all our
 * address spaces (docs/ on shadow page tables).
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "mm/mm.h"
#include "x86/paravirt.h"
#include "x86/patch.h"

struct mm kernel_mm;

#define KERNEL_PTE (PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY)
#define KERNEL_PDE (PTE_PRESENT | PTE_RW | PTE_ACCESSED)
#define USER_PDE   (PTE_PRESENT | PTE_RW | PTE_USER | PTE_ACCESSED)

/* The boot tables, when they are the Host's (load.c's layout): a directory
 * and one table per 4 MiB of RAM, right below the initrd or the top of RAM.
 * A native boot's are inside the kernel image instead: nothing to free. */
static int boot_tables_free(u32 free_start, u32 free_end, u32 *start, u32 *end)
{
	u32 mem = boot_info->mem_size;

	*start = boot_info->pgdir;
	*end = *start + (1 + (mem + (4u << 20) - 1) / (4u << 20)) * PAGE_SIZE;
	return *start >= free_start && *end == free_end;
}

void mm_init(void)
{
	u32 mem = boot_info->mem_size;
	u32 top = boot_info->initrd ? boot_info->initrd : mem;
	u32 tables_start, tables_end;
	int reuse_tables = boot_tables_free(boot_info->kernel_end, top,
					    &tables_start, &tables_end);

	/* Free: from the kernel's end up to the initrd (or the top of RAM),
	 * less the boot tables we still run on. */
	frames_init(boot_info->kernel_end, reuse_tables ? tables_start : top, mem);
	kernel_mm.pgdir = page_zalloc();

	/* Every kernel page is accessed and dirty from the start: the kernel
	 * never asks, and the Host then maps it writable on first touch
	 * instead of faulting twice. */
	for (u32 gpa = 0; gpa < mem; gpa += 1024 * PAGE_SIZE) {
		u32 *pt = page_zalloc();

		for (u32 i = 0; i < 1024 && gpa + i * PAGE_SIZE < mem; i++)
			pt[i] = (gpa + i * PAGE_SIZE) | KERNEL_PTE;
		kernel_mm.pgdir[KERNEL_PGD_FIRST + (gpa >> PGD_SHIFT)] =
			__pa(pt) | KERNEL_PDE;
	}
	kernel_mm.pgdir[KMAP_WINDOW >> PGD_SHIFT] = __pa(page_zalloc()) | KERNEL_PDE;

	/* Written before it was ever loaded, so nobody needs telling about
	 * the entries; but the kernel half differs from the boot tables', and
	 * the Host shares one shadow of it: flush that. */
	kernel_mm.live = 1;
	pv_load_pgdir(kernel_mm.pgdir);
	pv_flush_tlb_all();
	if (reuse_tables)
		frames_free_range(tables_start, tables_end);
}

void mm_create(struct mm *mm)
{
	mm->pgdir = page_zalloc();
	mm->live = 0;
	memcpy(mm->pgdir + KERNEL_PGD_FIRST, kernel_mm.pgdir + KERNEL_PGD_FIRST,
	       (1024 - KERNEL_PGD_FIRST) * sizeof(u32));
}

/* A user entry of mm changes: told through pv once mm has been loaded
 * (the kernel half is every address space's, and always live). */
static void set_user_pgd(struct mm *mm, unsigned index, u32 pde)
{
	if (mm->live || index >= KERNEL_PGD_FIRST)
		pv_set_pgd(mm->pgdir, index, pde);
	else
		mm->pgdir[index] = pde;
}

static void set_pte(struct mm *mm, u32 vaddr, u32 *ptep, u32 pte)
{
	if (mm->live || vaddr >= LGUEST_PAGE_OFFSET)
		pv_set_pte(mm->pgdir, vaddr, ptep, pte);
	else
		*ptep = pte;
}

/* Each user page table goes, and the Host hears of it: a shadow cached
 * under this directory's address must not outlive it, or the next
 * directory allocated there would inherit its mappings.  (One never
 * loaded has no shadow: the Host emptied any it kept of the directory
 * there before when that one went.) */
void mm_destroy(struct mm *mm)
{
	pv_lazy_mmu_begin();
	for (unsigned i = 0; i < KERNEL_PGD_FIRST; i++) {
		u32 pde = mm->pgdir[i];

		if (!(pde & PTE_PRESENT))
			continue;
		set_user_pgd(mm, i, 0);
		frame_free(pde & PAGE_MASK);
	}
	pv_lazy_mmu_end();
	frame_free(__pa(mm->pgdir));
	mm->pgdir = NULL;
}

void mm_switch(struct mm *mm)
{
	mm->live = 1;
	pv_load_pgdir(mm->pgdir);
}

u32 *mm_page_table(struct mm *mm, u32 vaddr)
{
	u32 pde = mm->pgdir[vaddr >> PGD_SHIFT];

	return pde & PTE_PRESENT ? __va(pde & PAGE_MASK) : NULL;
}

u32 *mm_pte(struct mm *mm, u32 vaddr)
{
	u32 *pt = mm_page_table(mm, vaddr);

	return pt ? pt + ((vaddr >> 12) & 1023) : NULL;
}

void mm_map(struct mm *mm, u32 vaddr, u32 gpa, u32 flags)
{
	unsigned index = vaddr >> PGD_SHIFT;
	u32 *ptep = mm_pte(mm, vaddr);

	if (!ptep) {
		if (index >= KERNEL_PGD_FIRST)
			crash("mm_map 0x%x: the kernel half has no page table "
			      "there", vaddr);
		set_user_pgd(mm, index, __pa(page_zalloc()) | USER_PDE);
		ptep = mm_pte(mm, vaddr);
	}
	set_pte(mm, vaddr & PAGE_MASK, ptep,
		(gpa & PAGE_MASK) | (flags & ~PAGE_MASK) | PTE_PRESENT);
}

void mm_unmap(struct mm *mm, u32 vaddr)
{
	u32 *ptep = mm_pte(mm, vaddr);

	if (ptep)
		set_pte(mm, vaddr & PAGE_MASK, ptep, 0);
}
