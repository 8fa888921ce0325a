/*
 * The Guest's memory: page frames, its kernel page tables, and the address
 * spaces a process layer builds on them.
 *
 * Every page-table change goes through pv (set_pte, set_pgd, load_pgdir):
 * natively those are plain stores and %cr3 loads; on the Host each one
 * also tells the Host, which keeps its shadow of our tables in step.
 */
#ifndef GUEST_MM_H
#define GUEST_MM_H

#include <lguest/types.h>

#define PAGE_SIZE	4096u
#define PAGE_MASK	(~(PAGE_SIZE - 1))

/* Page table entry bits (the same at both levels, non-PAE). */
#define PTE_PRESENT	0x001u
#define PTE_RW		0x002u
#define PTE_USER	0x004u
#define PTE_ACCESSED	0x020u
#define PTE_DIRTY	0x040u
#define PTE_PSE		0x080u

#define PGD_SHIFT	22
#define KERNEL_PGD_FIRST (LGUEST_PAGE_OFFSET >> PGD_SHIFT)
/* The last directory slot below the Switcher's: a window of 1024 pages of
 * kernel virtual space for mappings outside the linear map.  Its page
 * table exists from mm_init() on, so it is in every address space. */
#define KMAP_WINDOW	0xFF800000u

/* page_alloc.c: 4 KiB frames of Guest-physical memory, [start, end) of
 * RAM's mem_size bytes free at first. */
void frames_init(u32 start, u32 end, u32 mem_size);
void frames_free_range(u32 start, u32 end);
/* A frame's gpa, with one user; crashes when there is none left. */
u32 frame_alloc(void);
/* One user fewer; the last frees the frame. */
void frame_free(u32 gpa);
/* One user more (a page fork shares): 1, or 0 when the count is full and
 * the caller must copy instead. */
int frame_share(u32 gpa);
u32 frame_users(u32 gpa);
u32 frames_available(void);
/* A zeroed frame, by its kernel virtual address. */
void *page_zalloc(void);

/* An address space: a page directory whose kernel half is the kernel's.
 * Until it is first loaded no TLB and no shadow of the Host's can hold its
 * user entries, so they change by plain stores: fork's copy and a new
 * program's first pages cost no hypercall and no invlpg each. */
struct mm {
	u32 *pgdir;
	int live;	/* loaded at least once */
};

extern struct mm kernel_mm;

/* Build the kernel's page tables (RAM linear at LGUEST_PAGE_OFFSET, no
 * identity map) and switch to them; hand the rest of RAM to frames. */
void mm_init(void);

void mm_create(struct mm *mm);
/* Unmaps and frees its page tables and directory (not the frames mapped:
 * those are the caller's).  Never the one we are running on. */
void mm_destroy(struct mm *mm);
void mm_switch(struct mm *mm);
/* Map the page at vaddr to frame gpa with flags (PTE_RW, PTE_USER, and
 * PTE_ACCESSED / PTE_DIRTY if the caller will touch it at once).  A page
 * table is made as needed in the user half; the kernel half's exist. */
void mm_map(struct mm *mm, u32 vaddr, u32 gpa, u32 flags);
void mm_unmap(struct mm *mm, u32 vaddr);
/* The entry for vaddr, or NULL if it has no page table. */
u32 *mm_pte(struct mm *mm, u32 vaddr);
/* The page table holding vaddr's entry (1024 entries), or NULL. */
u32 *mm_page_table(struct mm *mm, u32 vaddr);

#endif
