/*
 * Memory system calls: brk, mmap2 and munmap over the process's regions,
 * and the checks every user pointer goes through (proc.h).
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/syscalls.h"

#define MAP_ANONYMOUS 0x20

struct region *proc_region(struct proc *p, u32 addr)
{
	for (unsigned i = 0; i < MAX_REGIONS; i++)
		if (addr >= p->regions[i].start && addr < p->regions[i].end)
			return &p->regions[i];
	return NULL;
}

/* [addr, addr + len) is the process's, and present: what is not present
 * yet but belongs to it is brought in, as a touch from ring 3 would. */
int user_range_ok(struct proc *p, u32 addr, u32 len)
{
	if (addr >= USER_TOP || len > USER_TOP - addr)
		return 0;
	for (u32 va = addr & PAGE_MASK; va < addr + len; va += PAGE_SIZE) {
		u32 *pte = mm_pte(&p->mm, va);

		if (pte && (*pte & (PTE_PRESENT | PTE_USER)) == (PTE_PRESENT | PTE_USER))
			continue;
		if (!proc_region(p, va))
			return 0;
		mm_map(&p->mm, va, __pa(page_zalloc()), PTE_RW | PTE_USER);
	}
	return 1;
}

long sys_brk(u32 addr)
{
	struct region *r = &current->regions[0];

	if (addr < current->brk_start || addr > MMAP_BASE)
		return (long)current->brk;
	/* Shrinking gives back the pages past the new end. */
	for (u32 va = (addr + PAGE_SIZE - 1) & PAGE_MASK; va < r->end; va += PAGE_SIZE) {
		u32 *pte = mm_pte(&current->mm, va);

		if (pte && (*pte & PTE_PRESENT)) {
			frame_free(*pte & PAGE_MASK);
			mm_unmap(&current->mm, va);
		}
	}
	current->brk = addr;
	r->end = (addr + PAGE_SIZE - 1) & PAGE_MASK;
	return (long)addr;
}

/* Anonymous private memory only: no files to map. */
long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd)
{
	u32 size = (len + PAGE_SIZE - 1) & PAGE_MASK;

	if (!(flags & MAP_ANONYMOUS) || !len)
		return -EINVAL;
	if (size > STACK_TOP - STACK_MAX - current->mmap_next)
		return -ENOMEM;
	for (unsigned i = 2; i < MAX_REGIONS; i++) {
		if (current->regions[i].start == current->regions[i].end) {
			current->regions[i] = (struct region){ current->mmap_next,
							       current->mmap_next + size };
			current->mmap_next += size;
			return (long)current->regions[i].start;
		}
	}
	return -ENOMEM;
}

long sys_munmap(u32 addr, u32 len)
{
	struct region *r = proc_region(current, addr);

	if (!r || r < &current->regions[2] || addr != r->start)
		return -EINVAL;
	for (u32 va = r->start; va < r->end; va += PAGE_SIZE) {
		u32 *pte = mm_pte(&current->mm, va);

		if (pte && (*pte & PTE_PRESENT)) {
			frame_free(*pte & PAGE_MASK);
			mm_unmap(&current->mm, va);
		}
	}
	pv_flush_tlb_user();
	r->start = r->end = 0;
	return 0;
}

