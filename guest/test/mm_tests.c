/*
 * Behaviours that exercise the Guest's page tables and, on the Host, the
 * shadow page tables behind them.  Each checks what it can from inside and
 * crashes with the reason when something is wrong; tests/boot/mmu.sh checks
 * the rest (exit counts and the Host's shadow counters) from outside.
 */
#include "drivers/console.h"
#include "x86/desc.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "kstring.h"
#include <lguest/segments.h>
#include "mm/mm.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"

#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

/* A user address nothing else maps. */
#define USER_VA 0x40000000u
#define USER_PAGE (PTE_RW | PTE_USER)

static volatile u32 *user_page(unsigned i)
{
	return (volatile u32 *)(USER_VA + i * PAGE_SIZE);
}

static u32 fresh_frame(u32 fill)
{
	u32 gpa = frame_alloc();
	u32 *p = __va(gpa);

	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		p[i] = fill;
	return gpa;
}

/* A page mapped a moment ago, never touched: the Host has no shadow of it
 * and must build one from our tables on the first fault. */
static void test_mmu_demand(void)
{
	struct mm a;
	u32 f = fresh_frame(0);
	volatile u32 *v = user_page(0), *alias = __va(f);

	mm_create(&a);
	mm_switch(&a);
	mm_map(&a, USER_VA, f, USER_PAGE);
	v[0] = 0x12345678;
	v[1023] = 0x9ABCDEF0;
	if (alias[0] != 0x12345678 || alias[1023] != 0x9ABCDEF0)
		crash("mmu-demand: wrote through 0x%x, but frame 0x%x holds 0x%x",
		      USER_VA, f, alias[0]);
	alias[5] = 0x55AA55AA;
	if (v[5] != 0x55AA55AA)
		crash("mmu-demand: 0x%x does not see frame 0x%x", USER_VA, f);
	printk("mmu-demand: a fresh page at 0x%x is frame 0x%x both ways\n",
	       USER_VA, f);
}

/* The CPU sets accessed on first use and dirty on first write; under the
 * Host it is the Host that does, which only works if the shadow stays
 * read-only until a write. */
static void test_mmu_dirty(void)
{
	struct mm a;
	volatile u32 *v = user_page(0);
	u32 pte;

	mm_create(&a);
	mm_switch(&a);
	mm_map(&a, USER_VA, fresh_frame(7), USER_PAGE);
	/* Two pages already accessed but clean: the second is shadowed along
	 * with the first's fault, but it too must stay read-only until it is
	 * written. */
	mm_map(&a, USER_VA + 2 * PAGE_SIZE, fresh_frame(9), USER_PAGE | PTE_ACCESSED);
	mm_map(&a, USER_VA + 3 * PAGE_SIZE, fresh_frame(9), USER_PAGE | PTE_ACCESSED);
	pte = *mm_pte(&a, USER_VA);
	if (pte & (PTE_ACCESSED | PTE_DIRTY))
		crash("mmu-dirty: a fresh PTE 0x%x is already accessed or dirty", pte);
	if (*v != 7)
		crash("mmu-dirty: read 0x%x, not 7", *v);
	pte = *mm_pte(&a, USER_VA);
	if (!(pte & PTE_ACCESSED) || (pte & PTE_DIRTY))
		crash("mmu-dirty: after a read the PTE is 0x%x: want accessed, "
		      "not dirty", pte);
	*v = 8;
	pte = *mm_pte(&a, USER_VA);
	if (!(pte & PTE_DIRTY))
		crash("mmu-dirty: after a write the PTE is 0x%x: not dirty", pte);
	(void)*user_page(2);
	*user_page(3) = 10;
	pte = *mm_pte(&a, USER_VA + 3 * PAGE_SIZE);
	if (!(pte & PTE_DIRTY))
		crash("mmu-dirty: the accessed neighbour's PTE is 0x%x after a "
		      "write: not dirty", pte);
	printk("mmu-dirty: accessed after the read, dirty after the write\n");
}

/* "test=mmu-switch rounds=N": two address spaces, the same address in
 * each, switched back and forth.  Each must see its own page; the Host's
 * counters (tests/boot/mmu.sh) show the switches built nothing. */
static void test_mmu_switch(void)
{
	unsigned long rounds = cmdline_number("rounds", 100);
	u32 fa = fresh_frame(0xA0000000), fb = fresh_frame(0xB0000000);
	u32 before = frames_available();
	struct mm a, b;
	volatile u32 *v = user_page(0);

	mm_create(&a);
	mm_create(&b);
	mm_map(&a, USER_VA, fa, USER_PAGE);
	mm_map(&b, USER_VA, fb, USER_PAGE);
	for (unsigned long i = 0; i < rounds; i++) {
		mm_switch(&a);
		if (*v != 0xA0000000 + i)
			crash("mmu-switch: round %lu: address space A reads 0x%x", i, *v);
		(*v)++;
		mm_switch(&b);
		if (*v != 0xB0000000 + i)
			crash("mmu-switch: round %lu: address space B reads 0x%x", i, *v);
		(*v)++;
	}
	mm_switch(&kernel_mm);
	mm_destroy(&a);
	mm_destroy(&b);
	if (frames_available() != before)
		crash("mmu-switch: %u frames free before two address spaces, %u "
		      "after they were destroyed", before, frames_available());
	printk("mmu-switch: %lu rounds, each address space saw its own page\n", rounds);
}

/* A change made while one address space runs must reach the Host's shadow
 * of another: a kernel mapping (in every address space), and a user
 * mapping of a directory that is not the one running. */
static void test_mmu_set_pte(void)
{
	struct mm a, b;
	volatile u32 *k = (volatile u32 *)KMAP_WINDOW, *v = user_page(0);

	mm_create(&a);
	mm_create(&b);
	mm_map(&b, USER_VA, fresh_frame(0xB1), USER_PAGE);

	mm_switch(&a);
	mm_map(&kernel_mm, KMAP_WINDOW, fresh_frame(1), PTE_RW);
	if (*k != 1)
		crash("mmu-set-pte: the kernel window reads 0x%x, not 1", *k);
	mm_switch(&b);
	if (*k != 1 || *v != 0xB1)
		crash("mmu-set-pte: B reads 0x%x and 0x%x", *k, *v);

	/* Both shadows are cached and filled; change them from A. */
	mm_switch(&a);
	mm_map(&kernel_mm, KMAP_WINDOW, fresh_frame(2), PTE_RW);
	mm_map(&b, USER_VA, fresh_frame(0xB2), USER_PAGE);
	mm_switch(&b);
	if (*k != 2)
		crash("mmu-set-pte: a kernel PTE changed in A: B still reads 0x%x", *k);
	if (*v != 0xB2)
		crash("mmu-set-pte: B's PTE changed from A: B still reads 0x%x", *v);

	/* Entries that come accessed and dirty are mapped at once. */
	mm_map(&kernel_mm, KMAP_WINDOW, fresh_frame(3), PTE_RW | PTE_ACCESSED | PTE_DIRTY);
	mm_map(&b, USER_VA, fresh_frame(0xB3), USER_PAGE | PTE_ACCESSED | PTE_DIRTY);
	if (*k != 3 || *v != 0xB3)
		crash("mmu-set-pte: after a remap with accessed and dirty set, "
		      "B reads 0x%x and 0x%x", *k, *v);
	mm_switch(&a);
	if (*k != 3)
		crash("mmu-set-pte: A reads 0x%x in the kernel window, not 3", *k);
	mm_switch(&kernel_mm);
	printk("mmu-set-pte: every cached shadow saw each change\n");
}

/* An entry changed in memory without a word to the Host is the Guest's
 * business until it flushes: then the new one must be what it sees.  The
 * user flush for a user page; the full flush for a kernel one. */
static void test_mmu_flush(void)
{
	struct mm a;
	volatile u32 *v = user_page(0), *k = (volatile u32 *)KMAP_WINDOW;

	mm_create(&a);
	mm_switch(&a);
	mm_map(&a, USER_VA, fresh_frame(1), USER_PAGE);
	mm_map(&kernel_mm, KMAP_WINDOW, fresh_frame(0x11), PTE_RW);
	if (*v != 1 || *k != 0x11)
		crash("mmu-flush: the pages read 0x%x and 0x%x", *v, *k);
	*mm_pte(&a, USER_VA) = fresh_frame(2) | USER_PAGE | PTE_PRESENT;
	*mm_pte(&kernel_mm, KMAP_WINDOW) = fresh_frame(0x22) | PTE_RW | PTE_PRESENT;
	printk("mmu-flush: before the flushes they read 0x%x and 0x%x\n", *v, *k);
	pv_flush_tlb_user();
	if (*v != 2)
		crash("mmu-flush: after a user flush the user page reads 0x%x, not 2", *v);
	pv_flush_tlb_all();
	if (*k != 0x22)
		crash("mmu-flush: after a full flush the kernel page reads 0x%x, not 0x22", *k);
	mm_switch(&kernel_mm);
	printk("mmu-flush: each flush brought in the new entry\n");
}

/*
 * Ring 3 through the shadows: a Guest program's page is shadowed for it
 * (user, and writable once written), a kernel page is not.  The code below
 * is copied into a user page and entered with iret; %edi holds a user data
 * address, %esi a kernel one.  It reads and writes its data page (two
 * faults the Host fixes), then reads the kernel page, which must be the
 * Guest's own page fault, from ring 3, and kill it (until the Guest takes
 * its own faults).
 */
asm(".pushsection .rodata\n"
    "user_blob:\n"
    "	movl $" __stringify(USER_DS) ", %eax\n"
    "	movl %eax, %ds\n"
    "	movl %eax, %es\n"
    "	movl (%edi), %eax\n"
    "	incl %eax\n"
    "	movl %eax, (%edi)\n"
    "	movl (%esi), %eax\n"
    "	ud2\n"
    "user_blob_end:\n"
    ".popsection");
extern const char user_blob[], user_blob_end[];

static void test_mmu_user(void)
{
	struct mm a;
	u32 code = frame_alloc();

	memcpy(__va(code), user_blob, user_blob_end - user_blob);
	mm_create(&a);
	mm_switch(&a);
	mm_map(&a, USER_VA, code, PTE_USER);
	mm_map(&a, USER_VA + PAGE_SIZE, fresh_frame(41), USER_PAGE);
	printk("mmu-user: entering ring 3 at 0x%x; it will read kernel 0x%x\n",
	       USER_VA, (u32)boot_info);
	asm volatile("pushl %[ss]; pushl %[sp]; pushfl; pushl %[cs]; pushl %[ip]; iret"
		     : : [ss] "i"(USER_DS), [sp] "i"(USER_VA + 2 * PAGE_SIZE),
		       [cs] "i"(USER_CS), [ip] "i"(USER_VA),
		       "D"(USER_VA + PAGE_SIZE), "S"(boot_info) : "memory");
	crash("mmu-user: came back from ring 3");
}

/* Unmapped means gone: the next touch must fault (and, until the Guest
 * handles its own page faults, be killed for it). */
static void test_mmu_unmap(void)
{
	struct mm a;
	volatile u32 *v = user_page(0);

	mm_create(&a);
	mm_switch(&a);
	mm_map(&a, USER_VA, fresh_frame(0x77), USER_PAGE);
	if (*v != 0x77)
		crash("mmu-unmap: the page reads 0x%x before the unmap", *v);
	mm_unmap(&a, USER_VA);
	printk("mmu-unmap: unmapped 0x%x; touching it\n", USER_VA);
	(void)*v;
	crash("mmu-unmap: reading unmapped 0x%x did not fault", USER_VA);
}

/*
 * "test=mmu-batch n=N sync=0|1": remap N of 64 pages that are already
 * mapped and shadowed, in one lazy batch (or one hypercall each), then read
 * them all.  tests/boot/mmu.sh compares the Host's exit counts: a batch
 * must cost one exit however long.
 */
#define BATCH_PAGES 64

static void test_mmu_batch(void)
{
	unsigned long n = cmdline_number("n", BATCH_PAGES);
	int sync = cmdline_number("sync", 0);
	u32 remap[BATCH_PAGES];
	unsigned long long t0, t1;
	struct mm a;

	if (n > BATCH_PAGES)
		crash("mmu-batch: n=%lu is over %u", n, BATCH_PAGES);
	mm_create(&a);
	mm_switch(&a);
	for (unsigned i = 0; i < BATCH_PAGES; i++) {
		mm_map(&a, USER_VA + i * PAGE_SIZE, fresh_frame(i), USER_PAGE |
		       PTE_ACCESSED | PTE_DIRTY);
		remap[i] = fresh_frame(0x1000 + i);
		(void)*user_page(i);
	}
	printk("mmu-batch: remapping %lu pages\n", n);
	t0 = rdtsc();
	if (!sync)
		pv_lazy_mmu_begin();
	for (unsigned i = 0; i < n; i++)
		mm_map(&a, USER_VA + i * PAGE_SIZE, remap[i], USER_PAGE |
		       PTE_ACCESSED | PTE_DIRTY);
	if (!sync)
		pv_lazy_mmu_end();
	t1 = rdtsc();
	for (unsigned i = 0; i < BATCH_PAGES; i++) {
		u32 want = i < n ? 0x1000 + i : i;

		if (*user_page(i) != want)
			crash("mmu-batch: page %u reads 0x%x, not 0x%x", i,
			      *user_page(i), want);
	}
	printk("mmu-batch: %lu remaps %s in %llu TSC ticks\n", n,
	       sync ? "one hypercall each" : "in one batch", t1 - t0);
}

/*
 * "test=mmu-bench count=N": what the shadows cost, timed with the TSC (with
 * -icount shift=0 a tick is a guest instruction, Host included):
 *   N page faults the Host fixes alone (N fresh mappings of one frame),
 *   N ring 1 -> 0 -> 1 round trips that never reach the Host (int/iret),
 *   the same with the two %cr3 loads of a world switch (the floor),
 *   N null hypercalls (a whole world switch through the Host),
 *   N switches between two cached address spaces,
 *   N page-table updates in lazy batches of 64, and N one hypercall each.
 * "total" covers the set-up too, so bench/mmu.sh can turn ticks into time.
 */
static void floor_trips(unsigned long n, u32 with_cr3)
{
	for (unsigned long i = 0; i < n; i++)
		asm volatile("int $%c0" : : "i"(LGUEST_FLOOR_VECTOR), "a"(with_cr3) : "memory");
}

static void remap_rounds(struct mm *mm, unsigned long n, const u32 frames[2], int lazy)
{
	for (unsigned long i = 0; i < n; i += BATCH_PAGES) {
		if (lazy)
			pv_lazy_mmu_begin();
		for (unsigned j = 0; j < BATCH_PAGES; j++)
			mm_map(mm, USER_VA + j * PAGE_SIZE, frames[(i / BATCH_PAGES) & 1],
			       USER_PAGE | PTE_ACCESSED | PTE_DIRTY);
		if (lazy)
			pv_lazy_mmu_end();
	}
}

static void test_mmu_bench(void)
{
	unsigned long n = cmdline_number("count", 4096);
	unsigned long long t[9];
	struct mm a, b;
	u32 f;

	t[0] = rdtsc();
	f = fresh_frame(0);
	mm_create(&a);
	mm_create(&b);
	mm_switch(&a);
	pv_lazy_mmu_begin();
	for (unsigned long i = 0; i < n; i++)
		mm_map(&a, USER_VA + i * PAGE_SIZE, f, USER_PAGE);
	pv_lazy_mmu_end();

	t[1] = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		(void)*user_page(i);
	t[2] = rdtsc();
	floor_trips(n, 0);
	t[3] = rdtsc();
	floor_trips(n, 1);
	t[4] = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	t[5] = rdtsc();
	for (unsigned long i = 0; i < n / 2; i++) {
		mm_switch(&b);
		mm_switch(&a);
	}
	t[6] = rdtsc();
	{
		const u32 frames[2] = { f, fresh_frame(1) };

		remap_rounds(&a, n, frames, 1);
		t[7] = rdtsc();
		remap_rounds(&a, n, frames, 0);
		t[8] = rdtsc();
	}
	mm_switch(&kernel_mm);
	printk("mmu-bench: %lu each; TSC ticks: demand-fault %llu int-iret %llu "
	       "floor %llu hypercall %llu switch %llu batched-update %llu "
	       "sync-update %llu total %llu\n", n, t[2] - t[1], t[3] - t[2],
	       t[4] - t[3], t[5] - t[4], t[6] - t[5], t[7] - t[6], t[8] - t[7],
	       t[8] - t[0]);
}

/*
 * "test=mmu-reflect count=N": N page faults that are the Guest's own, each
 * reflected to it by the Host: its handler steps over the faulting two-byte
 * load ("movl (%esi), %eax") and returns.  The baseline bench/mmu.sh sets
 * the demand fault against.
 */
asm(".text\n"
    "mmu_pf_entry:\n"
    "	addl $4, %esp\n"		/* the error code */
    "	addl $2, (%esp)\n"		/* past the load */
    "	iret\n");
extern const char mmu_pf_entry[];

static void test_mmu_reflect(void)
{
	unsigned long n = cmdline_number("count", 4096);
	unsigned long long t0, t1;

	if (!pv.load_idt_entry) {
		printk("mmu-reflect: the Guest cannot take traps yet\n");
		return;
	}
	pv_load_idt_entry(14, gate_desc(LGUEST_KERNEL_CS, (u32)mmu_pf_entry, 0xF, GUEST_PL));
	t0 = rdtsc();
	for (unsigned long i = 0; i < n; i++)
		asm volatile(".byte 0x8b, 0x06" : : "S"(USER_VA) : "eax", "memory");
	t1 = rdtsc();
	printk("mmu-reflect: %lu each; TSC ticks: reflected-fault %llu\n", n, t1 - t0);
}

GUEST_TEST("mmu-demand", test_mmu_demand);
GUEST_TEST("mmu-reflect", test_mmu_reflect);
GUEST_TEST("mmu-dirty", test_mmu_dirty);
GUEST_TEST("mmu-switch", test_mmu_switch);
GUEST_TEST("mmu-set-pte", test_mmu_set_pte);
GUEST_TEST("mmu-unmap", test_mmu_unmap);
GUEST_TEST("mmu-flush", test_mmu_flush);
GUEST_TEST("mmu-user", test_mmu_user);
GUEST_TEST("mmu-batch", test_mmu_batch);
GUEST_TEST("mmu-bench", test_mmu_bench);

/* Once the kernel runs on its own tables, the boot tables' map of RAM at
 * virtual 0 is gone: the kernel's own physical address must fault. */
static void test_mmu_no_identity(void)
{
	printk("mmu-no-identity: reading 0x%x\n", boot_info->kernel_end - PAGE_SIZE);
	(void)*(volatile u32 *)(boot_info->kernel_end - PAGE_SIZE);
	crash("mmu-no-identity: RAM is still mapped at virtual 0");
}
GUEST_TEST("mmu-no-identity", test_mmu_no_identity);
