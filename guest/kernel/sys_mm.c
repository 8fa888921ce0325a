/*
 * Memory system calls: brk, mmap2 and mmap, munmap, mprotect, madvise, over
 * the process's areas (mm/vm.h), and the check every user pointer goes
 * through (proc.h).
 */
#include "boot/guest.h"
#include "fs/file.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/syscalls.h"
#include "mm/uaccess.h"

int user_range_ok(struct proc *p, u32 addr, u32 len)
{
	return vm_user_ok(p->vm, addr, len, 0);
}

static u32 page_up(u32 a)
{
	return (a + PAGE_SIZE - 1) & PAGE_MASK;
}

long sys_brk(u32 addr)
{
	struct vm *vm = current->vm;
	u32 old_end = page_up(vm->brk), new_end = page_up(addr);

	/* Below its start, or into another area: the old break stands. */
	if (addr < vm->brk_start || new_end > STACK_TOP - STACK_MAX)
		return (long)vm->brk;
	if (new_end > old_end) {
		if (vm_find_gap(vm, old_end, new_end - old_end) != old_end ||
		    vma_map(vm, old_end, new_end, PROT_READ | PROT_WRITE, NULL, 0, 0) < 0)
			return (long)vm->brk;
	} else if (new_end < old_end && vma_unmap(vm, new_end, old_end) < 0) {
		return (long)vm->brk;
	}
	vm->brk = addr;
	return (long)addr;
}

long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd, u32 pgoff)
{
	struct vm *vm = current->vm;
	u32 size = page_up(len), at;
	struct file *file = NULL;
	long r;

	if (!len || !size || (addr & ~PAGE_MASK) ||
	    ((flags & (MAP_SHARED | MAP_PRIVATE)) == 0))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		/* A file: private copies of its pages (a shared mapping
		 * that nobody writes reads the same). */
		if (!(file = fd_file(current, (int)fd)))
			return -EBADF;
		if ((flags & MAP_SHARED) && (prot & PROT_WRITE))
			return -ENODEV;
		if ((file->flags & O_ACCMODE) == O_WRONLY)
			return -EACCES;
		if (pgoff >= (1u << 20))
			return -EOVERFLOW;
	}
	if (flags & MAP_FIXED) {
		if (addr < PAGE_SIZE || addr >= USER_TOP || size > USER_TOP - addr)
			return -EINVAL;
		at = addr;
	} else {
		/* The hint if it is free, else the first gap that fits. */
		at = addr >= PAGE_SIZE && addr < USER_TOP && size <= USER_TOP - addr &&
		     vm_find_gap(vm, addr, size) == addr ? addr : vm_find_gap(vm, MMAP_BASE, size);
		if (!at || at + size > STACK_TOP - STACK_MAX)
			at = vm_find_gap(vm, page_up(vm->brk) + (4u << 20), size);
		if (!at)
			return -ENOMEM;
	}
	r = vma_map(vm, at, at + size, prot, file, pgoff << 12, file ? at + size : 0);
	return r < 0 ? r : (long)at;
}

/* The old mmap: its six arguments in a block of user memory. */
long sys_mmap(u32 uargs)
{
	u32 a[6];

	if (copy_from_user(a, uargs, sizeof(a)) < 0)
		return -EFAULT;
	if (a[5] & ~PAGE_MASK)
		return -EINVAL;
	return sys_mmap2(a[0], a[1], a[2], a[3], a[4], a[5] >> 12);
}

long sys_munmap(u32 addr, u32 len)
{
	if ((addr & ~PAGE_MASK) || !len || addr >= USER_TOP || page_up(len) > USER_TOP - addr)
		return -EINVAL;
	return vma_unmap(current->vm, addr, addr + page_up(len));
}

long sys_mprotect(u32 addr, u32 len, u32 prot)
{
	if ((addr & ~PAGE_MASK) || addr >= USER_TOP || page_up(len) > USER_TOP - addr ||
	    (prot & ~7u))
		return -EINVAL;
	if (!len)
		return 0;
	return vma_protect(current->vm, addr, addr + page_up(len), prot);
}

#define MADV_DONTNEED 4

/* Advice is only advice, but MADV_DONTNEED's pages read as zero (or the
 * file) afterwards: they go. */
long sys_madvise(u32 addr, u32 len, u32 advice)
{
	if ((addr & ~PAGE_MASK) || addr >= USER_TOP || page_up(len) > USER_TOP - addr)
		return -EINVAL;
	if (advice == MADV_DONTNEED)
		vm_discard(current->vm, addr, addr + page_up(len));
	return 0;
}
