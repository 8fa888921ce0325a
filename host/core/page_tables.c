/*
 * Shadow page tables.
 *
 * The Guest keeps ordinary page tables in its own memory, but the CPU
 * never runs on them: a Guest could point them anywhere.  It runs on
 * shadow tables the Host builds in its own pages, from the Guest's, as it
 * needs them.  A shadow starts empty; each page fault it causes walks the
 * Guest's tables (page_tables_walk.c), checks what they say and fills one
 * shadow entry (demand_page).  The Guest tells us when it changes an entry
 * (LHCALL_SET_PTE, LHCALL_SET_PGD) and when it changes address space
 * (LHCALL_NEW_PGTABLE); we throw away or rewrite what it made stale.
 *
 * Why no TLB flushes here?  The Switcher loads %cr3 on every entry to the
 * Guest, which empties the TLB of everything but global entries, and
 * shadows have none.
 */
#include "../machine/console.h"
#include "../machine/memory.h"
#include "kstring.h"
#include "lg.h"

/*
 * The kernel half.  Every Guest page directory maps the Guest kernel the
 * same way above LGUEST_PAGE_OFFSET (Linux keeps that promise too), so its
 * shadow is built once and shared: slots KERNEL_PGD_FIRST up to the
 * Switcher's hold the same shadow page tables in every shadow directory.
 * A switch to a new directory copies 255 entries instead of faulting the
 * whole kernel back in.  A Guest that breaks the promise confuses only
 * itself: everything shared was checked against its RAM like the rest.
 */
#define KERNEL_PGD_END SWITCHER_PGD_INDEX

/*
 * Host pages for shadow page tables come from the pool and go back on a
 * free list, never back to the pool.  Each Guest has at most
 * SHADOW_PGDIRS directory pages, and at most SHADOW_PT_BUDGET table pages
 * in use (lg->shadow_pts): past that it throws its own shadows away to
 * make room, so no Guest, however many page directories or mappings it
 * makes, can make the Host's memory grow past its share or take another
 * Guest's (page_tables.h: SHADOW_PAGES_PER_GUEST).
 */
static u32 *free_pages;		/* linked through each page's first word */

/* The Switcher as every Guest sees it: code read-only, the register page
 * writable, the state page read-only.  None of it is user-accessible. */
static u32 *guest_switcher_pt;

void switcher_pt_init(const u32 *code_frames, u32 regs_frame, u32 state_frame)
{
	guest_switcher_pt = page_alloc();
	for (unsigned i = 0; i < SWITCHER_CODE_PAGES; i++)
		guest_switcher_pt[i] = code_frames[i] | _PAGE_PRESENT;
	guest_switcher_pt[SWITCHER_CODE_PAGES] = regs_frame | _PAGE_PRESENT | _PAGE_RW;
	guest_switcher_pt[SWITCHER_CODE_PAGES + 1] = state_frame | _PAGE_PRESENT;
}

void map_switcher_in_guest(u32 *pgdir)
{
	pgdir[SWITCHER_PGD_INDEX] = (u32)guest_switcher_pt | _PAGE_PRESENT | _PAGE_RW;
}

static u32 *current_spgdir(const struct lguest *lg)
{
	return lg->pgdirs[lg->pgdidx].spgdir;
}

static u32 current_gpgdir(const struct lguest *lg)
{
	return lg->pgdirs[lg->pgdidx].gpgdir;
}

static void write_guest_entry(struct lguest *lg, u32 gpa, u32 val)
{
	*(volatile u32 *)(lg->mem + gpa) = val;
}

/* Release the shadow page table a directory entry points to. */
static void free_shadow_pt(struct lguest *lg, u32 *spde)
{
	u32 *pt = (u32 *)(*spde & PAGE_MASK);

	if (!(*spde & _PAGE_PRESENT))
		return;
	*pt = (u32)free_pages;
	free_pages = pt;
	lg->shadow_pts--;
	*spde = 0;
}

static void flush_user(struct lguest *lg, unsigned slot)
{
	u32 *spgdir = lg->pgdirs[slot].spgdir;

	for (unsigned i = 0; i < KERNEL_PGD_FIRST; i++)
		free_shadow_pt(lg, &spgdir[i]);
}

/* A kernel slot is the same in every shadow directory: free its table once
 * and clear it everywhere. */
static void flush_kernel_entry(struct lguest *lg, unsigned index)
{
	u32 spde = current_spgdir(lg)[index];

	for (unsigned s = 0; s < SHADOW_PGDIRS; s++)
		if (lg->pgdirs[s].spgdir)
			lg->pgdirs[s].spgdir[index] = 0;
	free_shadow_pt(lg, &spde);
}

static void flush_kernel(struct lguest *lg)
{
	for (unsigned i = KERNEL_PGD_FIRST; i < KERNEL_PGD_END; i++)
		flush_kernel_entry(lg, i);
}

static void flush_all(struct lguest *lg)
{
	for (unsigned s = 0; s < SHADOW_PGDIRS; s++)
		if (lg->pgdirs[s].spgdir)
			flush_user(lg, s);
	flush_kernel(lg);
}

/* A zeroed page for a shadow page table.  At the budget, the shadows of
 * the other directories go first, then everything: the Guest faults back
 * in what it still uses. */
static u32 *alloc_shadow_pt(struct lguest *lg)
{
	u32 *pt;

	if (lg->shadow_pts >= SHADOW_PT_BUDGET) {
		for (unsigned s = 0; s < SHADOW_PGDIRS; s++)
			if (s != lg->pgdidx && lg->pgdirs[s].spgdir)
				flush_user(lg, s);
		if (lg->shadow_pts >= SHADOW_PT_BUDGET)
			flush_all(lg);
	}
	if (free_pages) {
		pt = free_pages;
		free_pages = (u32 *)*pt;
		memset(pt, 0, PAGE_SIZE);
	} else {
		pt = page_alloc();
	}
	lg->shadow_pts++;
	return pt;
}

/* Hang a fresh shadow page table in the current directory; a kernel one in
 * every directory. */
static void install_shadow_pt(struct lguest *lg, unsigned index, u32 *pt)
{
	/* Permissions are enforced in each shadow PTE (shadow_pte combines
	 * both of the Guest's levels), so the directory entry allows all. */
	u32 spde = (u32)pt | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;

	if (index < KERNEL_PGD_FIRST) {
		current_spgdir(lg)[index] = spde;
		return;
	}
	for (unsigned s = 0; s < SHADOW_PGDIRS; s++)
		if (lg->pgdirs[s].spgdir)
			lg->pgdirs[s].spgdir[index] = spde;
}

/*
 * A fault costs a world switch, and pages are used in runs: while we are
 * here, shadow the faulting entry's neighbours that the Guest has already
 * marked accessed (writable only those already dirty), as a CPU may load
 * such entries into its TLB before they are used.  Their accessed and dirty
 * bits are as true as before, and a Guest that sets them itself (its
 * kernel map, Linux's PTEs) takes one fault per PREFAULT pages, not one
 * each.  We only look when the faulting entry was accessed already: a
 * Guest that leaves the bit to us would pay for the look and gain nothing.
 * Anything odd is left for its own fault to judge.  64 (256 KiB): a
 * neighbour costs some 30 instructions, a fault's world switch thousands,
 * and a program's text, mapped whole by exec, is used all over.
 */
#define PREFAULT 64

static void prefault_neighbours(struct lguest *lg, u32 *pt, u32 pde, u32 pte_gpa)
{
	u32 first = pte_gpa & ~(PREFAULT * 4 - 1);
	unsigned slot = (first & ~PAGE_MASK) / 4;

	for (unsigned i = 0; i < PREFAULT; i++) {
		u32 gpte = *(const volatile u32 *)(lg->mem + first + i * 4);

		if (!pt[slot + i] &&
		    (gpte & (_PAGE_PRESENT | _PAGE_ACCESSED)) == (_PAGE_PRESENT | _PAGE_ACCESSED) &&
		    guest_frame_ok(lg, gpte))
			pt[slot + i] = shadow_pte(lg, pde, gpte);
	}
}

/* As the CPU does on an access through the Guest's own entries: both
 * accessed, and the PTE dirty for a write.  Returns the PTE as it now is. */
static u32 mark_used(struct lguest *lg, const struct gwalk_result *w, int write)
{
	u32 pte = w->pte | _PAGE_ACCESSED | (write ? _PAGE_DIRTY : 0);

	if (pte != w->pte)
		write_guest_entry(lg, w->pte_gpa, pte);
	if (!(w->pde & _PAGE_ACCESSED))
		write_guest_entry(lg, w->pde_gpa, w->pde | _PAGE_ACCESSED);
	return pte;
}
/*
 * A page fault the Host may be able to fix by itself: the Guest's tables
 * map the address and allow the access, and only our shadow lacks it (or
 * has it read-only, waiting for the first write).  We fill the one shadow
 * entry, mark the Guest's entry accessed (and dirty, for a write) as the
 * CPU would have, and the Guest runs on never knowing.  Anything else is
 * the Guest's own fault: we return 0 and the caller hands it back.
 */
int demand_page(struct lguest *lg, u32 vaddr, u32 errcode)
{
	struct gwalk_result w;
	u32 *spgdir = current_spgdir(lg), *pt, pte;
	unsigned index = pgd_index(vaddr);

	switch (guest_walk(lg, current_gpgdir(lg), vaddr, &w)) {
	case GWALK_OK:
		break;
	case GWALK_NO_PDE:
	case GWALK_NO_PTE:
		return 0;
	case GWALK_SWITCHER:
		/* Only the Guest kernel can reach the Switcher's pages, and
		 * only to read its code and state or write its registers: a
		 * fault here is an attack, or a bug it cannot recover from. */
		kill_guest(lg, "page fault at 0x%x in the Switcher's pages (eip "
			   "0x%x, error code 0x%x): the Guest %s", vaddr,
			   lg->regs->eip, errcode, errcode & PF_WRITE ?
			   "wrote to a read-only page" : "read a page it may not");
		return 0;
	case GWALK_PSE:
		kill_guest(lg, "page directory entry 0x%x for virtual 0x%x is a "
			   "4 MiB page: lguest Guests must use 4 KiB pages",
			   w.pde, vaddr);
		return 0;
	case GWALK_BAD_PDE:
		kill_guest(lg, "page directory entry 0x%x for virtual 0x%x points "
			   "at frame 0x%x, beyond its %u bytes of RAM", w.pde,
			   vaddr, w.pde & PAGE_MASK, lg->mem_size);
		return 0;
	case GWALK_BAD_PTE:
		kill_guest(lg, "page table entry 0x%x for virtual 0x%x maps frame "
			   "0x%x, beyond its %u bytes of RAM", w.pte, vaddr,
			   w.pte & PAGE_MASK, lg->mem_size);
		return 0;
	case GWALK_DEVICE:
		/* A device's registers: never in the shadow, so each access
		 * comes here, for the caller to play the device. */
		if (!guest_allows(w.pde, w.pte, errcode))
			return 0;
		lg->device_gpa = (w.pte & PAGE_MASK) | (vaddr & ~PAGE_MASK);
		return DEMAND_DEVICE;
	}
	if (!guest_allows(w.pde, w.pte, errcode))
		return 0;

	pte = mark_used(lg, &w, errcode & PF_WRITE);
	if (!(spgdir[index] & _PAGE_PRESENT))
		install_shadow_pt(lg, index, alloc_shadow_pt(lg));
	pt = (u32 *)(spgdir[index] & PAGE_MASK);
	pt[pte_index(vaddr)] = shadow_pte(lg, w.pde, pte);
	if (w.pte & _PAGE_ACCESSED)
		prefault_neighbours(lg, pt, w.pde, w.pte_gpa);
	lg->demand_faults++;
	return 1;
}

/* Where a Guest virtual address lands in its memory, by the Guest's own
 * tables (for reading its code and writing its stack). */
int guest_virt_to_phys(struct lguest *lg, u32 vaddr, u32 *gpa)
{
	struct gwalk_result w;

	if (guest_walk(lg, current_gpgdir(lg), vaddr, &w) != GWALK_OK)
		return 0;
	*gpa = (w.pte & PAGE_MASK) | (vaddr & ~PAGE_MASK);
	return 1;
}

/* The same, for an address the Guest kernel may write (its stack, when
 * the Host pushes a trap frame on it), as the CPU would check it.  The
 * write the caller makes is one the CPU would have made, so the entries
 * say so, as they would for the CPU's. */
int guest_virt_writable(struct lguest *lg, u32 vaddr, u32 *gpa)
{
	struct gwalk_result w;

	if (guest_walk(lg, current_gpgdir(lg), vaddr, &w) != GWALK_OK ||
	    !guest_allows(w.pde, w.pte, PF_WRITE))
		return 0;
	mark_used(lg, &w, 1);
	*gpa = (w.pte & PAGE_MASK) | (vaddr & ~PAGE_MASK);
	return 1;
}

static unsigned find_pgdir(const struct lguest *lg, u32 gpgdir)
{
	unsigned s;

	for (s = 0; s < SHADOW_PGDIRS; s++)
		if (lg->pgdirs[s].gpgdir == gpgdir)
			break;
	return s;
}

/* A slot for a directory we have no shadow of: an unused one, else the
 * least recently used (never the current one, which is the most recently
 * used), emptied of its user half.  Its kernel half is already right (it
 * is shared), or copied in if the page is new. */
static unsigned new_pgdir(struct lguest *lg, u32 gpgdir)
{
	unsigned pick = SHADOW_PGDIRS;
	struct shadow_pgdir *p;

	for (unsigned s = 0; s < SHADOW_PGDIRS; s++) {
		if (lg->pgdirs[s].gpgdir == NO_PGDIR) {
			pick = s;
			break;
		}
		if (pick == SHADOW_PGDIRS ||
		    lg->pgdirs[s].last_used < lg->pgdirs[pick].last_used)
			pick = s;
	}
	p = &lg->pgdirs[pick];
	if (!p->spgdir) {
		const u32 *cur = current_spgdir(lg);

		p->spgdir = page_alloc();
		if (cur)
			memcpy(p->spgdir + KERNEL_PGD_FIRST, cur + KERNEL_PGD_FIRST,
			       (KERNEL_PGD_END - KERNEL_PGD_FIRST) * sizeof(u32));
		map_switcher_in_guest(p->spgdir);
	} else {
		flush_user(lg, pick);
	}
	p->gpgdir = gpgdir;
	lg->shadow_builds++;
	return pick;
}

static void switch_to(struct lguest *lg, unsigned slot)
{
	lg->pgdidx = slot;
	lg->pgdir_machine = (u32)lg->pgdirs[slot].spgdir;
	lg->pgdirs[slot].last_used = ++lg->pgdir_clock;
}

/* The page directory a hypercall names; a bad one kills the Guest. */
static int hcall_pgdir_ok(struct lguest *lg, const char *call, u32 pgdir_gpa)
{
	if (guest_pgdir_ok(lg, pgdir_gpa))
		return 1;
	kill_guest(lg, "%s: page directory 0x%x is not a page-aligned page "
		   "inside its %u bytes of RAM", call, pgdir_gpa, lg->mem_size);
	return 0;
}

/* LHCALL_NEW_PGTABLE: the Guest changes address space, which is nearly
 * every process switch; a directory we still have costs nothing more. */
void guest_new_pagetable(struct lguest *lg, u32 pgdir_gpa)
{
	unsigned slot;

	if (!hcall_pgdir_ok(lg, "LHCALL_NEW_PGTABLE", pgdir_gpa))
		return;
	slot = find_pgdir(lg, pgdir_gpa);
	if (slot == SHADOW_PGDIRS)
		slot = new_pgdir(lg, pgdir_gpa);
	lg->pgdir_switches++;
	switch_to(lg, slot);
}

/*
 * The shadow of one changed Guest entry.  Usually we just clear it and let
 * demand_page() fill it on first use.  But a Guest that sets the accessed
 * bit (and dirty, for a writable page) itself has told us it is about to
 * use the page: map it now and save the fault.
 */
static void shadow_set_pte(struct lguest *lg, unsigned slot, u32 pgdir_gpa,
			   u32 vaddr, u32 pte)
{
	u32 spde = lg->pgdirs[slot].spgdir[pgd_index(vaddr)], pde, *spte;

	if (!(spde & _PAGE_PRESENT))
		return;
	spte = (u32 *)(spde & PAGE_MASK) + pte_index(vaddr);
	*spte = 0;
	if ((pte & (_PAGE_PRESENT | _PAGE_ACCESSED)) != (_PAGE_PRESENT | _PAGE_ACCESSED) ||
	    !guest_frame_ok(lg, pte))
		return;
	pde = *(const volatile u32 *)(lg->mem + pgdir_gpa + pgd_index(vaddr) * 4);
	if ((pde & (_PAGE_PRESENT | _PAGE_PSE)) == _PAGE_PRESENT && guest_frame_ok(lg, pde))
		*spte = shadow_pte(lg, pde, pte);
}

/* LHCALL_SET_PTE: the Guest changed the entry for vaddr in a page table
 * of the directory at pgdir_gpa (its entry is already written). */
void guest_set_pte(struct lguest *lg, u32 pgdir_gpa, u32 vaddr, u32 pte)
{
	unsigned slot;

	if (!hcall_pgdir_ok(lg, "LHCALL_SET_PTE", pgdir_gpa))
		return;
	if (pgd_index(vaddr) == SWITCHER_PGD_INDEX) {
		kill_guest(lg, "LHCALL_SET_PTE: PTE 0x%x for virtual 0x%x: the "
			   "Switcher owns 0x%x and up", pte, vaddr, SWITCHER_ADDR);
		return;
	}
	if ((pte & _PAGE_PRESENT) && !guest_frame_ok(lg, pte) &&
	    !guest_device_frame(lg, pte)) {
		kill_guest(lg, "LHCALL_SET_PTE: PTE 0x%x for virtual 0x%x maps "
			   "frame 0x%x, beyond its %u bytes of RAM", pte, vaddr,
			   pte & PAGE_MASK, lg->mem_size);
		return;
	}
	/* Kernel mappings are shared by every shadow: one update is seen by
	 * all.  A user mapping matters only to its own directory's shadow. */
	if (pgd_index(vaddr) >= KERNEL_PGD_FIRST)
		slot = lg->pgdidx;
	else
		slot = find_pgdir(lg, pgdir_gpa);
	if (slot != SHADOW_PGDIRS)
		shadow_set_pte(lg, slot, pgdir_gpa, vaddr, pte);
}

/* LHCALL_SET_PGD: the Guest changed a directory entry: the whole shadow
 * page table under it is stale. */
void guest_set_pgd(struct lguest *lg, u32 pgdir_gpa, u32 index)
{
	unsigned slot;

	if (!hcall_pgdir_ok(lg, "LHCALL_SET_PGD", pgdir_gpa))
		return;
	if (index >= SWITCHER_PGD_INDEX) {
		kill_guest(lg, "LHCALL_SET_PGD: index %u of page directory 0x%x: "
			   "the Switcher owns index %u and up", index, pgdir_gpa,
			   SWITCHER_PGD_INDEX);
		return;
	}
	if (index >= KERNEL_PGD_FIRST) {
		flush_kernel_entry(lg, index);
		return;
	}
	slot = find_pgdir(lg, pgdir_gpa);
	if (slot != SHADOW_PGDIRS)
		free_shadow_pt(lg, &lg->pgdirs[slot].spgdir[index]);
}

/* LHCALL_FLUSH_TLB: the Guest changed entries without saying which.  User
 * mappings only: the current directory's user half.  All: every shadow. */
void guest_flush_tlb(struct lguest *lg, u32 all)
{
	if (all > 1) {
		kill_guest(lg, "LHCALL_FLUSH_TLB: %u is neither 0 (user mappings) "
			   "nor 1 (all)", all);
		return;
	}
	if (all)
		flush_all(lg);
	else
		flush_user(lg, lg->pgdidx);
}

/*
 * Each boot starts on the page directory the launcher wrote into Guest
 * memory (boot.h's promise: RAM at 0 and at LGUEST_PAGE_OFFSET).  On a
 * restart, every shadow of the last run goes first; the directory pages
 * stay allocated for reuse.
 */
int guest_pagetables_init(struct lguest *lg, u32 pgdir_gpa)
{
	if (!guest_pgdir_ok(lg, pgdir_gpa))
		return -1;
	if (current_spgdir(lg))
		flush_all(lg);
	for (unsigned s = 0; s < SHADOW_PGDIRS; s++)
		lg->pgdirs[s].gpgdir = NO_PGDIR;
	guest_new_pagetable(lg, pgdir_gpa);
	return 0;
}

void guest_pagetables_report(const struct lguest *lg)
{
	host_debug("shadow page tables: %llu directories built, %llu switches, "
		   "%llu faults fixed, %u page tables in use; Host pool %u pages",
		   lg->shadow_builds, lg->pgdir_switches, lg->demand_faults,
		   lg->shadow_pts, pages_allocated());
}
