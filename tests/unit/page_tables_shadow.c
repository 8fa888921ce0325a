/*
 * host/core/page_tables.c: the shadows themselves, built natively (as a
 * 32-bit program, since shadow entries hold Host addresses in 32 bits) over
 * a buffer that is the Guest's RAM, with the Host's page pool and
 * kill_guest() stood in for.  The shadow tables are real memory here, so
 * the checks follow them as the CPU would.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "../../host/core/lg.h"
#include "../../host/machine/console.h"
#include "../../host/machine/memory.h"

#define MEM (8u << 20)
#define P _PAGE_PRESENT
#define RW _PAGE_RW
#define US _PAGE_USER
#define A _PAGE_ACCESSED
#define D _PAGE_DIRTY

/* The Guest's page directories and tables, by Guest-physical address. */
#define PGDIR_A 0x10000u
#define PGDIR_B 0x11000u
#define PGDIR_MANY 0x12000u
#define PT_USER_A 0x20000u
#define PT_KERNEL 0x21000u
#define PT_USER_B 0x22000u
#define USER_VA 0x400000u	/* slot 1 */
#define KERNEL_VA 0xC0000000u	/* slot 768 */

/* The Host's side, stood in for. */
static unsigned pool_pages;
static void *pool[2048];

void *page_alloc(void)
{
	void *p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);

	memset(p, 0, PAGE_SIZE);
	pool[pool_pages++] = p;
	return p;
}

u32 pages_allocated(void) { return pool_pages; }
void host_debug(const char *fmt, ...) { (void)fmt; }

static u8 *mem;
static struct lguest lg;
static struct lguest_regs regs;

static u32 *gent(u32 gpa) { return (u32 *)(mem + gpa); }
static u32 machine(u32 gpa) { return lg.mem_machine + gpa; }
static u32 *current(void) { return (u32 *)lg.pgdir_machine; }

/* The shadow entry for vaddr under a shadow directory, 0 if none. */
static u32 spte(const u32 *spgdir, u32 vaddr)
{
	u32 spde = spgdir[vaddr >> 22];

	if (!(spde & P))
		return 0;
	return ((u32 *)(spde & PAGE_MASK))[(vaddr >> 12) & 1023];
}

/* Did the last call kill the Guest with a message containing what? */
static int killed(const char *what)
{
	int yes = lg.end == GUEST_KILLED && strstr(lg.message, what);

	lg.end = GUEST_RUNNING;
	lg.message[0] = '\0';
	return yes;
}

static void guest_tables(void)
{
	memset(mem, 0, MEM);
	*gent(PGDIR_A + 1 * 4) = PT_USER_A | P | RW | US;
	*gent(PGDIR_A + 768 * 4) = PT_KERNEL | P | RW;
	*gent(PGDIR_B + 1 * 4) = PT_USER_B | P | RW | US;
	*gent(PGDIR_B + 768 * 4) = PT_KERNEL | P | RW;
	*gent(PT_USER_A + 0) = 0x100000 | P | RW | US;
	*gent(PT_USER_A + 4) = 0x101000 | P | US;		/* read-only */
	*gent(PT_USER_A + 8) = MEM | P | RW | US;		/* beyond RAM */
	*gent(PT_KERNEL + 0) = 0x200000 | P | RW | A | D;
	*gent(PT_USER_B + 0) = 0x300000 | P | RW | US;
}

int main(void)
{
	u32 code[SWITCHER_CODE_PAGES] = { 0x1000, 0x2000 };
	u32 *shadow_a, *shadow_b, gpa, before;

	mem = aligned_alloc(PAGE_SIZE, MEM);
	lg.mem = mem;
	lg.mem_size = MEM;
	lg.mem_machine = (u32)(uintptr_t)mem;
	lg.regs = &regs;
	switcher_pt_init(code, 0x3000, 0x4000);
	guest_tables();

	/* Boot. */
	CHECK(guest_pagetables_init(&lg, PGDIR_A + 4) == -1, "an unaligned boot directory is refused");
	CHECK(guest_pagetables_init(&lg, PGDIR_A) == 0 && current(), "the boot directory gets a shadow");
	shadow_a = current();
	CHECK((shadow_a[1023] & P) && !(shadow_a[1023] & US), "its top slot maps the Switcher, not for users");
	CHECK(!(spte(shadow_a, 0xFFC00000) & RW) && (spte(shadow_a, 0xFFC02000) & RW) &&
	      !(spte(shadow_a, 0xFFC03000) & RW), "Switcher code read-only, registers writable, state read-only");
	CHECK(shadow_a[1] == 0 && shadow_a[768] == 0, "and nothing else yet");

	/* Demand paging and the accessed and dirty bits. */
	CHECK(demand_page(&lg, USER_VA, 0) == 1, "a read of a mapped page is fixed by the Host");
	CHECK((*gent(PT_USER_A) & (A | D)) == A && (*gent(PGDIR_A + 4) & A),
	      "the Guest's PTE is accessed, not dirty; its directory entry accessed");
	CHECK(spte(shadow_a, USER_VA) == (machine(0x100000) | P | US | A),
	      "shadowed at the machine address, read-only until written");
	CHECK(demand_page(&lg, USER_VA, PF_WRITE | PF_USER) == 1 && (*gent(PT_USER_A) & D),
	      "the first write sets dirty");
	CHECK(spte(shadow_a, USER_VA) & RW, "and only now is the shadow writable");
	CHECK(demand_page(&lg, USER_VA + 0x1000, PF_WRITE) == 0 && lg.end == GUEST_RUNNING,
	      "a write to the Guest's read-only page is its own fault");
	CHECK(demand_page(&lg, KERNEL_VA, PF_USER) == 0 && lg.end == GUEST_RUNNING,
	      "so is a user read of a kernel page");
	CHECK(demand_page(&lg, USER_VA + 0x3000, 0) == 0 && lg.end == GUEST_RUNNING,
	      "and a page it never mapped");
	CHECK(demand_page(&lg, USER_VA + 0x2000, 0) == 0 && killed("maps frame 0x800000, beyond"),
	      "a PTE beyond RAM kills it, naming the frame");
	CHECK(spte(shadow_a, USER_VA + 0x2000) == 0, "and is never shadowed");
	lg.device_base = MEM;
	lg.device_size = 0x1000;
	CHECK(demand_page(&lg, USER_VA + 0x2000, PF_WRITE) == DEMAND_DEVICE && lg.end == GUEST_RUNNING &&
	      lg.device_gpa == MEM && spte(shadow_a, USER_VA + 0x2000) == 0,
	      "in a device window it is the device's access, never shadowed");
	CHECK(demand_page(&lg, USER_VA + 0x2000, PF_WRITE | PF_USER) == DEMAND_DEVICE,
	      "from ring 3 too, the page being the Guest's user page");
	guest_set_pte(&lg, PGDIR_A, USER_VA + 0x2000, MEM | P | RW | US | A | D);
	CHECK(lg.end == GUEST_RUNNING && spte(shadow_a, USER_VA + 0x2000) == 0,
	      "SET_PTE of a device page is allowed, and still not shadowed");
	lg.device_base = lg.device_size = 0;
	CHECK(demand_page(&lg, 0xFFC00000, PF_WRITE) == 0 && killed("Switcher"),
	      "a fault in the Switcher's pages kills it");
	CHECK(guest_virt_to_phys(&lg, USER_VA + 0x123, &gpa) && gpa == 0x100123,
	      "guest_virt_to_phys walks the Guest's tables");
	CHECK(!guest_virt_to_phys(&lg, USER_VA + 0x2000, &gpa), "and refuses a frame beyond RAM");
	*gent(PT_USER_A) = 0x100000 | P | RW | US;
	*gent(PGDIR_A + 4) &= ~A;
	CHECK(guest_virt_writable(&lg, USER_VA + 0x10, &gpa) && gpa == 0x100010,
	      "guest_virt_writable finds a page the Guest may write (a trap frame's)");
	CHECK((*gent(PT_USER_A) & (A | D)) == (A | D) && (*gent(PGDIR_A + 4) & A),
	      "and marks it accessed and dirty, as the CPU's own push would");
	CHECK(!guest_virt_writable(&lg, USER_VA + 0x1000, &gpa) && !(*gent(PT_USER_A + 4) & D),
	      "a read-only page is refused, and left clean");

	/* The kernel half is one shadow shared by every directory. */
	CHECK(demand_page(&lg, KERNEL_VA, 0) == 1 && (spte(shadow_a, KERNEL_VA) & RW),
	      "a kernel page already dirty is shadowed writable at once");
	guest_new_pagetable(&lg, PGDIR_B);
	shadow_b = current();
	CHECK(shadow_b != shadow_a && lg.shadow_builds == 2, "a new directory gets a new shadow");
	CHECK(shadow_b[768] == shadow_a[768] && shadow_b[1] == 0,
	      "with the kernel half already in it, and no user half");
	guest_set_pte(&lg, PGDIR_B, KERNEL_VA, 0x201000 | P | RW);
	CHECK(spte(shadow_a, KERNEL_VA) == 0, "a kernel SET_PTE made under B clears A's view too");
	guest_set_pte(&lg, PGDIR_B, KERNEL_VA, 0x202000 | P | RW | A | D);
	CHECK(spte(shadow_a, KERNEL_VA) == (machine(0x202000) | P | RW | A | D),
	      "one arriving accessed and dirty is installed at once");
	guest_set_pte(&lg, PGDIR_B, KERNEL_VA, 0x203000 | P | RW | A);
	CHECK(spte(shadow_a, KERNEL_VA) == (machine(0x203000) | P | A),
	      "accessed but clean is installed read-only");

	/* A user SET_PTE reaches the named directory's shadow, current or not. */
	guest_set_pte(&lg, PGDIR_A, USER_VA, 0x104000 | P | RW | US | A | D);
	CHECK(spte(shadow_a, USER_VA) == (machine(0x104000) | P | RW | US | A | D),
	      "A's user entry changes while B runs");
	CHECK(spte(shadow_b, USER_VA) == 0, "B's does not");

	/* The cache. */
	guest_new_pagetable(&lg, PGDIR_A);
	CHECK(current() == shadow_a && lg.shadow_builds == 2 && spte(shadow_a, USER_VA),
	      "switching back finds A's shadow as it was");
	before = pages_allocated();
	for (u32 i = 0; i < SHADOW_PGDIRS; i++)
		guest_new_pagetable(&lg, 0x30000 + i * PAGE_SIZE);
	CHECK(lg.shadow_builds == 2 + SHADOW_PGDIRS, "eight more directories, eight more shadows");
	CHECK(pages_allocated() - before == SHADOW_PGDIRS - 2,
	      "only six new directory pages: the evicted shadows' pages are reused");
	guest_new_pagetable(&lg, PGDIR_A);
	CHECK(lg.shadow_builds == 3 + SHADOW_PGDIRS, "A was the least recently used: evicted, rebuilt");
	CHECK(current()[1] == 0 && current()[768] == shadow_a[768], "with an empty user half, the shared kernel half");

	/* The hypercalls' checks. */
	guest_set_pte(&lg, PGDIR_A, 0xFFC01000, 0x100000 | P | RW);
	CHECK(killed("LHCALL_SET_PTE: PTE 0x100003 for virtual 0xffc01000"), "SET_PTE over the Switcher kills");
	guest_set_pte(&lg, PGDIR_A, USER_VA, (MEM + 0x5000) | P);
	CHECK(killed("maps frame 0x805000, beyond"), "SET_PTE beyond RAM kills");
	guest_set_pte(&lg, PGDIR_A, USER_VA, (MEM + 0x5000));
	CHECK(lg.end == GUEST_RUNNING, "a PTE that is not present may say anything");
	guest_set_pte(&lg, MEM, USER_VA, 0);
	CHECK(killed("LHCALL_SET_PTE: page directory 0x800000"), "SET_PTE with a directory outside RAM kills");
	guest_set_pgd(&lg, PGDIR_A, 1023);
	CHECK(killed("LHCALL_SET_PGD: index 1023"), "SET_PGD of the Switcher's slot kills");
	guest_set_pgd(&lg, PGDIR_A, 5000);
	CHECK(killed("LHCALL_SET_PGD: index 5000"), "and of a slot past the end");
	guest_new_pagetable(&lg, 0x10800);
	CHECK(killed("LHCALL_NEW_PGTABLE: page directory 0x10800"), "NEW_PGTABLE unaligned kills");
	guest_new_pagetable(&lg, 0xFFFFF000u);
	CHECK(killed("LHCALL_NEW_PGTABLE: page directory 0xfffff000"), "NEW_PGTABLE outside RAM kills");
	guest_flush_tlb(&lg, 2);
	CHECK(killed("LHCALL_FLUSH_TLB: 2"), "FLUSH_TLB with neither 0 nor 1 kills");

	/* SET_PGD and the flushes drop what they must. */
	CHECK(demand_page(&lg, USER_VA, 0) == 1 && (current()[1] & P), "A faults its user page back in");
	guest_set_pgd(&lg, PGDIR_A, 1);
	CHECK(current()[1] == 0, "SET_PGD drops the shadow table under the slot");
	CHECK(demand_page(&lg, USER_VA, 0) == 1 && demand_page(&lg, KERNEL_VA, 0) == 1, "both fault back in");
	before = pages_allocated();
	guest_flush_tlb(&lg, 0);
	CHECK(current()[1] == 0 && current()[768], "a user flush keeps the kernel half");
	guest_flush_tlb(&lg, 1);
	CHECK(current()[768] == 0 && shadow_a[768] == 0, "a full flush drops it from every shadow");
	CHECK(demand_page(&lg, USER_VA, 0) == 1 && demand_page(&lg, KERNEL_VA, 0) == 1 &&
	      pages_allocated() == before, "faulting back in reuses freed pages, not the pool");
	guest_set_pgd(&lg, PGDIR_A, 768);
	CHECK(current()[768] == 0 && shadow_a[768] == 0, "SET_PGD on a kernel slot drops it everywhere");

	/* The budget: a directory with 700 page tables, all touched. */
	for (u32 i = 0; i < 700; i++)
		*gent(PGDIR_MANY + i * 4) = PT_USER_A | P | RW | US;
	guest_new_pagetable(&lg, PGDIR_MANY);
	before = pages_allocated();
	for (u32 i = 0; i < 700; i++)
		if (demand_page(&lg, i << 22, 0) != 1)
			break;
	CHECK(lg.end == GUEST_RUNNING && spte(current(), 699u << 22), "700 page tables' worth of faults are all fixed");
	CHECK(pages_allocated() - before <= 512, "with at most 512 shadow tables from the pool (%u)",
	      pages_allocated() - before);

	/* A restart starts again from nothing. */
	before = pages_allocated();
	guest_tables();
	CHECK(guest_pagetables_init(&lg, PGDIR_B) == 0 && current()[1] == 0 && current()[768] == 0,
	      "a restart's first shadow is empty");
	CHECK(demand_page(&lg, USER_VA, 0) == 1 && spte(current(), USER_VA) == (machine(0x300000) | P | US | A),
	      "and fills from the new boot directory");
	CHECK(pages_allocated() == before, "from pages the last run freed");

	for (unsigned i = 0; i < pool_pages; i++)
		free(pool[i]);
	free(mem);
	return check_done();
}
