/* The lguest world's page-table pv operations (lguest_mmu.c), for the
 * table in lguest.c. */
#ifndef GUEST_LGUEST_MMU_H
#define GUEST_LGUEST_MMU_H

#include <lguest/types.h>

void lguest_load_pgdir(u32 *pgdir);
void lguest_set_pte(u32 *pgdir, u32 vaddr, u32 *ptep, u32 pte);
void lguest_set_pgd(u32 *pgdir, unsigned index, u32 pde);
void lguest_flush_tlb_user(void);
void lguest_flush_tlb_all(void);
void lguest_lazy_mmu_begin(void);
void lguest_lazy_mmu_end(void);
/* A hypercall that waits in the async ring between those brackets, and is
 * made at once outside them. */
void lguest_lazy_hcall(u32 call, u32 arg1, u32 arg2, u32 arg3);

#endif
