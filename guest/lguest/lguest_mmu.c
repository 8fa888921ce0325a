/*
 * The lguest world's page-table operations.  The Guest writes its own page
 * tables as on any machine, then tells the Host what it changed, so the
 * Host can keep its shadow of them in step (host/core/page_tables.c).
 *
 * Between lazy_mmu_begin() and lazy_mmu_end() the telling is deferred:
 * each call goes into the async ring in lguest_data instead of trapping,
 * and the whole batch costs one world switch at the end.  Any synchronous
 * hypercall on the way runs the ring first, so order is kept.  The
 * context switch uses the same brackets for what it tells the Host about
 * the CPU (the kernel stack, TLS, TS: lguest_lazy_hcall()), so that the
 * page-table switch at its end carries them all in one world switch.
 */
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "lguest/lguest_mmu.h"
#include "mm/mm.h"

static int lazy_mode;		/* batches open: begin without end */
static unsigned queued;		/* calls in the ring the Host has not run */
static unsigned next_slot;	/* the Host's lg->next_hcall, mirrored */

static void async_hcall(u32 call, u32 arg1, u32 arg2, u32 arg3)
{
	/* A full ring: the Host empties it on any trip in. */
	if (lguest_data.hcall_status[next_slot] != LHCALL_SLOT_FREE) {
		hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
		queued = 0;
	}
	lguest_data.hcalls[next_slot] = (struct hcall_args){ call, arg1, arg2, arg3, 0 };
	/* The arguments before the status that says they are there. */
	asm volatile("" : : : "memory");
	lguest_data.hcall_status[next_slot] = LHCALL_SLOT_READY;
	next_slot = (next_slot + 1) % LHCALL_RING_SIZE;
	queued++;
}

void lguest_lazy_hcall(u32 call, u32 arg1, u32 arg2, u32 arg3)
{
	if (lazy_mode) {
		async_hcall(call, arg1, arg2, arg3);
	} else {
		hcall(call, arg1, arg2, arg3, 0);
		queued = 0;
	}
}

void lguest_load_pgdir(u32 *pgdir)
{
	hcall(LHCALL_NEW_PGTABLE, __pa(pgdir), 0, 0, 0);
	queued = 0;
}

/* The entry first: the Host may read it back as soon as it hears. */
void lguest_set_pte(u32 *pgdir, u32 vaddr, u32 *ptep, u32 pte)
{
	*(volatile u32 *)ptep = pte;
	lguest_lazy_hcall(LHCALL_SET_PTE, __pa(pgdir), vaddr, pte);
}

void lguest_set_pgd(u32 *pgdir, unsigned index, u32 pde)
{
	((volatile u32 *)pgdir)[index] = pde;
	lguest_lazy_hcall(LHCALL_SET_PGD, __pa(pgdir), index, 0);
}

void lguest_flush_tlb_user(void)
{
	lguest_lazy_hcall(LHCALL_FLUSH_TLB, 0, 0, 0);
}

void lguest_flush_tlb_all(void)
{
	lguest_lazy_hcall(LHCALL_FLUSH_TLB, 1, 0, 0);
}

/* Batches nest (a page fault's batch inside exec's): the outermost end
 * sends them. */
void lguest_lazy_mmu_begin(void)
{
	lazy_mode++;
}

void lguest_lazy_mmu_end(void)
{
	if (--lazy_mode > 0)
		return;
	lazy_mode = 0;
	if (queued) {
		hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
		queued = 0;
	}
}
