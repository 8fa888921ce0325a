/*
 * System calls: Linux's i386 numbers and conventions (number in %eax,
 * arguments in %ebx, %ecx, %edx, %esi, %edi, %ebp, the result in %eax,
 * errors as -errno), so static Linux programs run unchanged.  Every user
 * pointer is checked against the process's own memory before use.
 */
#include "drivers/console.h"
#include "x86/desc.h"
#include "boot/guest.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "kernel/proc.h"

#define EFAULT 14
#define ENOMEM 12
#define EINVAL 22
#define ENOSYS 38
#define ESRCH 3
#define EBADF 9

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

static long sys_write(u32 fd, u32 buf, u32 len)
{
	if (fd != 1 && fd != 2)
		return -EINVAL;
	if (!user_range_ok(current, buf, len))
		return -EFAULT;
	/* Through a kernel buffer: the console wants kernel addresses (on
	 * the Host it passes them on as Guest-physical ones). */
	for (u32 done = 0; done < len;) {
		char chunk[256];
		u32 n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);

		memcpy(chunk, (const char *)buf + done, n);
		console_write(chunk, n);
		done += n;
	}
	return (long)len;
}

/* Standard input is the console: wait for something typed, letting the
 * other processes run meanwhile, and give what there is. */
static long sys_read(u32 fd, u32 buf, u32 len)
{
	u32 n;

	if (fd != 0)
		return -EBADF;
	if (!user_range_ok(current, buf, len))
		return -EFAULT;
	if (!len)
		return 0;
	while (!(n = console_try_read((char *)buf, len))) {
		if (proc_others_runnable())
			schedule();
		else
			console_wait_input();
	}
	return (long)n;
}

static long sys_brk(u32 addr)
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
static long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd)
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

static long sys_munmap(u32 addr, u32 len)
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

/* glibc's thread pointer: a data segment in one of the three TLS slots. */
struct user_desc {
	u32 entry_number, base_addr, limit, flags;
};

static long sys_set_thread_area(u32 uptr)
{
	struct user_desc d;
	u32 slot;

	if (!user_range_ok(current, uptr, sizeof(d)))
		return -EFAULT;
	d = *(struct user_desc *)uptr;
	if (d.entry_number == 0xFFFFFFFFu)
		d.entry_number = GDT_ENTRY_TLS_MIN;
	if (d.entry_number < GDT_ENTRY_TLS_MIN || d.entry_number > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	slot = d.entry_number - GDT_ENTRY_TLS_MIN;
	/* 32-bit, data, writable, at ring 3; limit in pages if asked. */
	current->tls[slot] = seg_desc(d.base_addr, d.limit, ACC_DATA_DPL3, (d.flags >> 4) & 1);
	proc_load_tls(current);
	((struct user_desc *)uptr)->entry_number = d.entry_number;
	return 0;
}

void syscall_dispatch(struct trap_frame *f)
{
	long r;

	switch (f->eax) {
	case 1:		/* exit */
	case 252:	/* exit_group */
		proc_exit((int)(f->ebx & 0xFF));
	case 3: r = sys_read(f->ebx, f->ecx, f->edx); break;
	case 4: r = sys_write(f->ebx, f->ecx, f->edx); break;
	case 20: r = current->pid; break;
	case 45: r = sys_brk(f->ebx); break;
	case 91: r = sys_munmap(f->ebx, f->ecx); break;
	case 158: schedule(); r = 0; break;
	case 192: r = sys_mmap2(f->ebx, f->ecx, f->edx, f->esi, f->edi); break;
	case 243: r = sys_set_thread_area(f->ebx); break;
	default: r = -ENOSYS; break;
	}
	f->eax = (u32)r;
}
