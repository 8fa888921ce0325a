/*
 * Hostile Guests for the shadow page tables: each tries one way to reach
 * what is not its own through its page tables, and must be killed with a
 * message saying what it did (tests/hostile/mmu.sh).  The last one just
 * makes endless page directories, to show the Host's memory stays bounded.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "mm/mm.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"

#define USER_VA 0x40000000u
/* The Switcher's layout (host/core/switcher_layout.h): two code pages,
 * then the register page, then the read-only state page. */
#define SWITCHER_VA		0xFFC00000u
#define SWITCHER_STATE_VA	(SWITCHER_VA + 3 * PAGE_SIZE)

static struct mm victim;

static void on_a_user_mm(void)
{
	mm_create(&victim);
	mm_switch(&victim);
	/* A page table under USER_VA, so a PTE there means something. */
	mm_map(&victim, USER_VA + PAGE_SIZE, frame_alloc(), PTE_RW | PTE_USER);
}

/* Tell the Host about a PTE for a frame past the end of our RAM (and past
 * the device windows just above it, which a PTE may name). */
static void test_pte_beyond_ram(void)
{
	u32 frame = boot_info->mem_size + 0x100000;

	on_a_user_mm();
	printk("hostile: SET_PTE to frame 0x%x\n", frame);
	hcall(LHCALL_SET_PTE, __pa(victim.pgdir), USER_VA,
	      frame | PTE_PRESENT | PTE_RW | PTE_USER, 0);
	crash("SET_PTE beyond RAM was accepted");
}

/* The same, written straight into our table without a word, then used. */
static void test_pte_beyond_ram_fault(void)
{
	on_a_user_mm();
	*mm_pte(&victim, USER_VA) = (boot_info->mem_size + 0x100000) |
		PTE_PRESENT | PTE_RW | PTE_USER;
	printk("hostile: touching 0x%x through a PTE beyond RAM\n", USER_VA);
	(void)*(volatile u32 *)USER_VA;
	crash("a PTE beyond RAM was used");
}

/* A directory entry whose page table is beyond RAM. */
static void test_pde_beyond_ram(void)
{
	on_a_user_mm();
	pv_set_pgd(victim.pgdir, USER_VA >> PGD_SHIFT,
		   (boot_info->mem_size + 0x200000) | PTE_PRESENT | PTE_RW | PTE_USER);
	printk("hostile: touching 0x%x through a page table beyond RAM\n", USER_VA);
	(void)*(volatile u32 *)USER_VA;
	crash("a page table beyond RAM was used");
}

/* A 4 MiB page: not supported, and said so. */
static void test_pse(void)
{
	on_a_user_mm();
	pv_set_pgd(victim.pgdir, USER_VA >> PGD_SHIFT,
		   PTE_PRESENT | PTE_RW | PTE_USER | PTE_PSE);
	printk("hostile: touching 0x%x through a 4 MiB page\n", USER_VA);
	(void)*(volatile u32 *)USER_VA;
	crash("a 4 MiB page was used");
}

/* Map one of our own frames over the Switcher. */
static void test_pte_switcher(void)
{
	on_a_user_mm();
	printk("hostile: SET_PTE at 0x%x\n", SWITCHER_VA + PAGE_SIZE);
	hcall(LHCALL_SET_PTE, __pa(victim.pgdir), SWITCHER_VA + PAGE_SIZE,
	      frame_alloc() | PTE_PRESENT | PTE_RW, 0);
	crash("SET_PTE over the Switcher was accepted");
}

/* Replace the Switcher's whole page table. */
static void test_pgd_switcher(void)
{
	on_a_user_mm();
	printk("hostile: SET_PGD index 1023\n");
	victim.pgdir[1023] = __pa(page_zalloc()) | PTE_PRESENT | PTE_RW;
	hcall(LHCALL_SET_PGD, __pa(victim.pgdir), 1023, 0, 0);
	crash("SET_PGD of the Switcher's slot was accepted");
}

static void test_pgtable_outside(void)
{
	printk("hostile: NEW_PGTABLE at 0x%x\n", boot_info->mem_size);
	hcall(LHCALL_NEW_PGTABLE, boot_info->mem_size, 0, 0, 0);
	crash("NEW_PGTABLE outside RAM was accepted");
}

static void test_pgtable_unaligned(void)
{
	u32 gpa = __pa(page_zalloc()) + 0x234;

	printk("hostile: NEW_PGTABLE at 0x%x\n", gpa);
	hcall(LHCALL_NEW_PGTABLE, gpa, 0, 0, 0);
	crash("an unaligned NEW_PGTABLE was accepted");
}

/* The Switcher's code and state pages are mapped for us to run through,
 * read-only: a write from the Guest kernel must not get through. */
static void test_switcher_code_write(void)
{
	printk("hostile: writing the Switcher's code at 0x%x\n", SWITCHER_VA);
	*(volatile u32 *)SWITCHER_VA = 0xCCCCCCCC;
	crash("the Switcher's code was writable");
}

static void test_switcher_state_write(void)
{
	printk("hostile: writing the Switcher's state page at 0x%x\n", SWITCHER_STATE_VA);
	*(volatile u32 *)SWITCHER_STATE_VA = 0;
	crash("the Switcher's state page was writable");
}

/*
 * "test=hostile-pgdir-flood count=N regions=R": N fresh page directories,
 * one after another, each with pages in R different 4 MiB regions (R
 * shadow page tables each), all touched.  A Host that kept every shadow
 * would grow by N * R pages; ours must stay the same size whatever N is.
 */
#define FLOOD_LIVE 32

static void test_pgdir_flood(void)
{
	unsigned long n = cmdline_number("count", 1000);
	unsigned long regions = cmdline_number("regions", 100);
	static struct mm live[FLOOD_LIVE];
	u32 f = frame_alloc();

	if (regions > 700)
		crash("regions=%lu: at most 700", regions);
	for (unsigned long i = 0; i < n; i++) {
		struct mm *mm = &live[i % FLOOD_LIVE];

		/* Keep FLOOD_LIVE directories alive, so each new one has an
		 * address the Host has not seen for a while. */
		if (mm->pgdir)
			mm_destroy(mm);
		mm_create(mm);
		pv_lazy_mmu_begin();
		for (unsigned long r = 0; r < regions; r++)
			mm_map(mm, (r << PGD_SHIFT) + PAGE_SIZE, f, PTE_RW | PTE_USER);
		pv_lazy_mmu_end();
		mm_switch(mm);
		for (unsigned long r = 0; r < regions; r++)
			(void)*(volatile u32 *)((r << PGD_SHIFT) + PAGE_SIZE);
		mm_switch(&kernel_mm);
	}
	printk("hostile-pgdir-flood: %lu page directories, %lu page tables each\n",
	       n, regions);
}

GUEST_TEST("hostile-pte-beyond-ram", test_pte_beyond_ram);
GUEST_TEST("hostile-pte-beyond-ram-fault", test_pte_beyond_ram_fault);
GUEST_TEST("hostile-pde-beyond-ram", test_pde_beyond_ram);
GUEST_TEST("hostile-pse", test_pse);
GUEST_TEST("hostile-pte-switcher", test_pte_switcher);
GUEST_TEST("hostile-pgd-switcher", test_pgd_switcher);
GUEST_TEST("hostile-pgtable-outside", test_pgtable_outside);
GUEST_TEST("hostile-pgtable-unaligned", test_pgtable_unaligned);
GUEST_TEST("hostile-switcher-code-write", test_switcher_code_write);
GUEST_TEST("hostile-switcher-state-write", test_switcher_state_write);
GUEST_TEST("hostile-pgdir-flood", test_pgdir_flood);
