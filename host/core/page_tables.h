/*
 * The Guest's page tables as the Host reads them, and the shadows it builds
 * from them.
 *
 * The Guest owns ordinary two-level (non-PAE) x86 page tables in its own
 * RAM.  The CPU never runs on them: it runs on shadow tables the Host builds
 * in its own pages, entry by entry, as the Guest touches its memory
 * (page_tables.c).  What follows is the pure half of that: reading the
 * Guest's tables out of a buffer that is its RAM, checking what they say,
 * and turning a Guest entry into a shadow one.  It knows nothing of the
 * Host's page pool, so the unit tests run it natively.
 */
#ifndef HOST_PAGE_TABLES_H
#define HOST_PAGE_TABLES_H

#include <lguest/boot.h>
#include <lguest/types.h>
#include "switcher_layout.h"

#define PGD_SHIFT	22
/* Page directory slots from here up map the Guest kernel: they are the
 * same in every one of its page directories (see page_tables.c). */
#define KERNEL_PGD_FIRST (LGUEST_PAGE_OFFSET >> PGD_SHIFT)

static inline unsigned pgd_index(u32 vaddr) { return vaddr >> PGD_SHIFT; }
static inline unsigned pte_index(u32 vaddr) { return (vaddr >> 12) & 1023; }

/* Page-fault error code bits. */
#define PF_WRITE	2u
#define PF_USER		4u

struct lguest;

/* How many Guest page directories the Host keeps shadows of at once: a
 * switch between any of them costs no rebuilding.  More Guest processes
 * than this evict the least recently used. */
#define SHADOW_PGDIRS	8
/* The shadow page tables one Guest may have in use (page_tables.c), and
 * so the most pool pages its shadows ever hold. */
#define SHADOW_PT_BUDGET 512
#define SHADOW_PAGES_PER_GUEST (SHADOW_PGDIRS + SHADOW_PT_BUDGET)

struct shadow_pgdir {
	u32 gpgdir;	/* the Guest's page directory (gpa); NO_PGDIR if unused */
	u32 *spgdir;	/* its shadow, a Host page (kept once allocated) */
	u64 last_used;	/* for eviction: the Guest's switch clock */
};
/* No page directory is at an unaligned address. */
#define NO_PGDIR	1u

/* What the Guest's tables say about one virtual address. */
enum gwalk {
	GWALK_OK,		/* mapped: pde and pte are good */
	GWALK_NO_PDE,		/* its directory entry is not present */
	GWALK_NO_PTE,		/* its page table entry is not present */
	GWALK_SWITCHER,		/* the address is the Switcher's */
	GWALK_PSE,		/* a 4 MiB directory entry: not supported */
	GWALK_BAD_PDE,		/* the directory entry's table is beyond RAM */
	GWALK_BAD_PTE,		/* the page table entry's frame is beyond RAM */
	GWALK_DEVICE,		/* the frame is a device's window: never mapped */
};

struct gwalk_result {
	u32 pde, pte;		/* the entries as the Guest wrote them */
	u32 pde_gpa, pte_gpa;	/* where they are in Guest memory */
};

/* A page directory the Guest names must be a whole page of its RAM. */
int guest_pgdir_ok(const struct lguest *lg, u32 gpa);
/* A present Guest entry must name a frame inside the Guest's RAM. */
int guest_frame_ok(const struct lguest *lg, u32 entry);
/* Is the entry's frame one of the Guest's device windows? */
int guest_device_frame(const struct lguest *lg, u32 entry);

/* Walk the Guest's tables under the page directory at pgdir_gpa, which
 * guest_pgdir_ok() has passed.  Fills in as much of *w as it read. */
enum gwalk guest_walk(const struct lguest *lg, u32 pgdir_gpa, u32 vaddr,
		      struct gwalk_result *w);

/* Do the Guest's own entries allow this access (a page-fault error code)?
 * If not, the fault is the Guest's to handle. */
int guest_allows(u32 pde, u32 pte, u32 errcode);

/* The shadow entry for a checked Guest entry: its frame moved to where the
 * Guest's RAM really is, the permissions of directory and table entry
 * combined, and writable only once the Guest's entry is dirty, so the
 * first write faults and the Host can set the dirty bit. */
u32 shadow_pte(const struct lguest *lg, u32 pde, u32 pte);

#endif
