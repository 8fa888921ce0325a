/* Address spaces: areas of user memory and their pages (vm.h). */
#include "boot/guest.h"
#include "drivers/console.h"
#include "fs/file.h"
#include "fs/fs.h"
#include "fs/vfs.h"
#include "kernel/errno.h"
#include "kstring.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "x86/paravirt.h"
#include "x86/patch.h"

struct vm *vm_create(void)
{
	struct vm *vm;

	/* Its directory, and a page table or two for its first pages. */
	if (frames_available() < 8 || !(vm = kzalloc(sizeof(*vm))))
		return NULL;
	mm_create(&vm->mm);
	vm->users = 1;
	return vm;
}

/* What a page of an area with protection prot is in the page table: a
 * PROT_NONE page stays mapped for the kernel only, so its contents
 * survive an mprotect back. */
static u32 pte_flags(u32 prot)
{
	u32 f = 0;

	if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
		f |= PTE_USER;
	if (prot & PROT_WRITE)
		f |= PTE_RW;
	return f;
}

/* Call fn on each present entry in [start, end), a page table at a time,
 * skipping those that do not exist: a walk over a mostly empty 8 MiB
 * stack area reads its entries, nothing more. */
static void each_pte(struct vm *vm, u32 start, u32 end,
		     void (*fn)(struct vm *vm, u32 va, u32 *pte, u32 arg), u32 arg)
{
	for (u32 va = start; va < end;) {
		u32 *pt = mm_page_table(&vm->mm, va);
		u32 next = (va | ((1u << PGD_SHIFT) - 1)) + 1;
		u32 stop = next && next < end ? next : end;

		for (; pt && va < stop; va += PAGE_SIZE) {
			u32 *pte = &pt[(va >> 12) & 1023];

			if (*pte & PTE_PRESENT)
				fn(vm, va, pte, arg);
		}
		if (!next)
			break;
		va = next;
	}
}

static void free_page(struct vm *vm, u32 va, u32 *pte, u32 arg)
{
	u32 frame = *pte & PAGE_MASK;

	mm_unmap(&vm->mm, va);
	frame_free(frame);
}

/* The last user's way out: the page tables go whole (mm_destroy tells
 * the Host), so their entries need no unmapping one by one. */
static void drop_page(struct vm *vm, u32 va, u32 *pte, u32 arg)
{
	frame_free(*pte & PAGE_MASK);
}

static void count_page(struct vm *vm, u32 va, u32 *pte, u32 arg)
{
	(*(u32 *)arg)++;
}

/* A frame fork left shared stays read-only whatever the area allows: the
 * first write copies it (unshare_page). */
static void set_prot(struct vm *vm, u32 va, u32 *pte, u32 prot)
{
	u32 frame = *pte & PAGE_MASK, flags = pte_flags(prot);

	if (frame_users(frame) > 1)
		flags &= ~PTE_RW;
	mm_map(&vm->mm, va, frame, flags);
}

/* Make the present page at va vm's alone, mapped with flags, before
 * anyone writes it: a frame shared since a fork is copied (the others keep
 * it), one with no other user is taken as it is.  0 or -ENOMEM. */
static long unshare_page(struct vm *vm, u32 va, u32 *pte, u32 flags)
{
	u32 frame = *pte & PAGE_MASK;
	void *copy;

	if (frame_users(frame) == 1) {
		if ((*pte & ~PAGE_MASK) != (flags | PTE_PRESENT))
			mm_map(&vm->mm, va, frame, flags);
		return 0;
	}
	if (!frames_available())
		return -ENOMEM;
	copy = __va(frame_alloc());
	memcpy(copy, __va(frame), PAGE_SIZE);
	mm_map(&vm->mm, va, __pa(copy), flags);
	frame_free(frame);
	return 0;
}

/* A page fork left read-only that vm now holds alone, in an area it may
 * write: writable again, as its next write would make it; arg counts
 * those still shared. */
static void take_back_page(struct vm *vm, u32 va, u32 *pte, u32 arg)
{
	u32 frame = *pte & PAGE_MASK;

	if (*pte & PTE_RW)
		return;
	if (frame_users(frame) > 1)
		(*(u32 *)arg)++;
	else
		mm_map(&vm->mm, va, frame, PTE_USER | PTE_RW | PTE_ACCESSED | PTE_DIRTY);
}

void vm_take_back(struct vm *vm)
{
	u32 shared = 0;

	if (!vm->forked)
		return;
	pv_lazy_mmu_begin();
	for (unsigned i = 0; i < vm->nr_vmas; i++)
		if (vm->vmas[i].prot & PROT_WRITE)
			each_pte(vm, vm->vmas[i].start, vm->vmas[i].end, take_back_page,
				 (u32)&shared);
	pv_lazy_mmu_end();
	vm->forked = shared > 0;
}

void vm_put(struct vm *vm)
{
	if (--vm->users > 0)
		return;
	for (unsigned i = 0; i < vm->nr_vmas; i++) {
		each_pte(vm, vm->vmas[i].start, vm->vmas[i].end, drop_page, 0);
		if (vm->vmas[i].file)
			file_put(vm->vmas[i].file);
	}
	mm_destroy(&vm->mm);
	kfree(vm);
}

struct vma *vma_find(struct vm *vm, u32 addr)
{
	for (unsigned i = 0; i < vm->nr_vmas && vm->vmas[i].start <= addr; i++)
		if (addr < vm->vmas[i].end)
			return &vm->vmas[i];
	return NULL;
}

static void vma_remove(struct vm *vm, unsigned i)
{
	if (vm->vmas[i].file)
		file_put(vm->vmas[i].file);
	memmove(&vm->vmas[i], &vm->vmas[i + 1], (vm->nr_vmas - i - 1) * sizeof(struct vma));
	vm->nr_vmas--;
}

/* Room for one more area at index i (the table has room). */
static struct vma *vma_insert_at(struct vm *vm, unsigned i)
{
	memmove(&vm->vmas[i + 1], &vm->vmas[i], (vm->nr_vmas - i) * sizeof(struct vma));
	vm->nr_vmas++;
	return &vm->vmas[i];
}

long vma_unmap(struct vm *vm, u32 start, u32 end)
{
	u32 present = 0;

	/* Pages to take away: told to the Host in one batch, and a TLB
	 * flush after; none (the usual mmap of fresh space): no word. */
	each_pte(vm, start, end, count_page, (u32)&present);
	if (present)
		pv_lazy_mmu_begin();
	for (unsigned i = 0; i < vm->nr_vmas;) {
		struct vma *v = &vm->vmas[i];
		u32 s = v->start > start ? v->start : start;
		u32 e = v->end < end ? v->end : end;

		if (s >= e) {
			i++;
			continue;
		}
		if (s > v->start && e < v->end && vm->nr_vmas == MAX_VMAS) {
			if (present)
				pv_lazy_mmu_end();
			return -ENOMEM;
		}
		each_pte(vm, s, e, free_page, 0);
		if (s == v->start && e == v->end) {
			vma_remove(vm, i);
			continue;
		}
		if (s > v->start && e < v->end) {
			/* The middle goes: the tail becomes an area of its own. */
			struct vma *tail = vma_insert_at(vm, i + 1);

			v = &vm->vmas[i];
			*tail = *v;
			tail->start = e;
			tail->offset += e - v->start;
			if (tail->file)
				file_get(tail->file);
			v->end = s;
		} else if (s == v->start) {
			v->offset += e - v->start;
			v->start = e;
		} else {
			v->end = s;
		}
		i++;
	}
	if (present) {
		pv_lazy_mmu_end();
		pv_flush_tlb_user();
	}
	return 0;
}

long vma_map(struct vm *vm, u32 start, u32 end, u32 prot, struct file *file,
	     u32 offset, u32 file_end)
{
	unsigned i;
	struct vma *v;

	/* One to split, one to add. */
	if (vm->nr_vmas + 2 > MAX_VMAS || vma_unmap(vm, start, end) < 0)
		return -ENOMEM;
	for (i = 0; i < vm->nr_vmas && vm->vmas[i].start < start; i++)
		;
	/* Anonymous memory next to anonymous memory alike grows it: brk and
	 * a C library's many small mmaps stay one area. */
	if (!file && i > 0 && vm->vmas[i - 1].end == start && !vm->vmas[i - 1].file &&
	    vm->vmas[i - 1].prot == prot) {
		vm->vmas[i - 1].end = end;
		return 0;
	}
	v = vma_insert_at(vm, i);
	*v = (struct vma){ start, end, prot, file ? file_get(file) : NULL, offset, file_end };
	return 0;
}

/* Make addr a boundary between areas (pages stay where they are). */
static long vma_split(struct vm *vm, u32 addr)
{
	for (unsigned i = 0; i < vm->nr_vmas; i++) {
		struct vma *v = &vm->vmas[i], *tail;

		if (addr <= v->start || addr >= v->end)
			continue;
		if (vm->nr_vmas == MAX_VMAS)
			return -ENOMEM;
		tail = vma_insert_at(vm, i + 1);
		v = &vm->vmas[i];
		*tail = *v;
		tail->start = addr;
		tail->offset += addr - v->start;
		if (tail->file)
			file_get(tail->file);
		v->end = addr;
		break;
	}
	return 0;
}

long vma_protect(struct vm *vm, u32 start, u32 end, u32 prot)
{
	/* Every page in the range must belong to an area. */
	for (u32 va = start; va < end; ) {
		struct vma *v = vma_find(vm, va);

		if (!v)
			return -ENOMEM;
		va = v->end;
	}
	if (vma_split(vm, start) < 0 || vma_split(vm, end) < 0)
		return -ENOMEM;
	for (unsigned i = 0; i < vm->nr_vmas; i++) {
		struct vma *v = &vm->vmas[i];

		if (v->start < start || v->end > end || v->prot == prot)
			continue;
		v->prot = prot;
		each_pte(vm, v->start, v->end, set_prot, prot);
	}
	pv_flush_tlb_user();
	return 0;
}

u32 vm_find_gap(struct vm *vm, u32 from, u32 len)
{
	u32 at = from;

	for (unsigned i = 0; i < vm->nr_vmas; i++) {
		const struct vma *v = &vm->vmas[i];

		if (v->end <= at)
			continue;
		if (v->start >= at && v->start - at >= len)
			return at;
		at = v->end;
	}
	return at < USER_TOP && USER_TOP - at >= len ? at : 0;
}

/* Pages of a file mapping read in by one fault: the one asked for and
 * those after it, as Linux's fault-around does.  A program's text is read
 * in a few faults instead of one a page, and on the Host the page-table
 * updates of a fault go in one batch. */
#define FAULT_AROUND	16

/* A whole page of a read-only file mapping is the file's own page, shared
 * (each mapping counts as a user of its frame): exec maps a program's
 * text without copying it, and the code stays at the same physical
 * address from one run to the next, where QEMU's translations of it stay
 * valid.  It reads what the file holds now, as Linux's MAP_PRIVATE does
 * until a write; a write (after mprotect) copies it.  1 if mapped so. */
static int map_file_page(struct vm *vm, struct vma *v, u32 va, u32 extra)
{
	u32 off = v->offset + (va - v->start);
	struct inode *i = v->file->inode;
	u8 *page;

	if ((v->prot & PROT_WRITE) || off % PAGE_SIZE || va + PAGE_SIZE > v->file_end ||
	    !i || !S_ISREG(i->mode) || !(page = ramfs_page(i, off / PAGE_SIZE)) ||
	    !frame_share(__pa(page)))
		return 0;
	mm_map(&vm->mm, va, __pa(page), pte_flags(v->prot) | extra);
	return 1;
}

/* Map the page at va of area v: zeroed, or read from its file.  Returns 0
 * or -errno. */
static long fill_page(struct vm *vm, struct vma *v, u32 va, u32 extra)
{
	u8 *page;

	/* The frame, and a page table for it if there is none. */
	if (frames_available() < 2)
		return -ENOMEM;
	if (v->file && map_file_page(vm, v, va, extra))
		return 0;
	page = page_zalloc();
	if (v->file && va < v->file_end) {
		u32 n = v->file_end - va < PAGE_SIZE ? v->file_end - va : PAGE_SIZE;

		if (kernel_read(v->file, page, n, (u64)v->offset + (va - v->start)) < 0) {
			frame_free(__pa(page));
			return -EFAULT;
		}
	}
	mm_map(&vm->mm, va, __pa(page), pte_flags(v->prot) | extra);
	return 0;
}

void vm_map_file_pages(struct vm *vm, u32 addr, u32 max_pages)
{
	struct vma *v = vma_find(vm, addr);
	u32 end;

	if (!v || !v->file || (v->prot & PROT_WRITE))
		return;
	end = v->end - v->start < max_pages * PAGE_SIZE ? v->end : v->start + max_pages * PAGE_SIZE;
	for (u32 va = v->start; va < end && frames_available() >= 64; va += PAGE_SIZE) {
		u32 *pte = mm_pte(&vm->mm, va);

		if (!(pte && (*pte & PTE_PRESENT)) && !map_file_page(vm, v, va, PTE_ACCESSED))
			break;
	}
}

/* Pages one fault at va of area v brings in.  A file's: FAULT_AROUND.
 * Anonymous memory: one, unless the page before it is there already:
 * memory filled in order (a heap sort's, a buffer's) then comes
 * FAULT_AROUND zeroed pages a fault, not one (each fault two world
 * switches on the Host), and memory touched here and there one a fault. */
static u32 fault_around(struct vm *vm, struct vma *v, u32 va)
{
	u32 *prev;

	if (v->file)
		return FAULT_AROUND;
	prev = va > v->start ? mm_pte(&vm->mm, va - PAGE_SIZE) : NULL;
	return prev && (*prev & PTE_PRESENT) ? FAULT_AROUND : 1;
}

long vm_fault(struct vm *vm, u32 addr, int write)
{
	struct vma *v = vma_find(vm, addr);
	u32 va = addr & PAGE_MASK, *pte, around;
	long r;

	if (!v || (write && !(v->prot & PROT_WRITE)) ||
	    !(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EFAULT;
	pte = mm_pte(&vm->mm, va);
	if (pte && (*pte & PTE_PRESENT)) {
		/* A write to a page that is there: one shared since a fork. */
		if (write)
			return unshare_page(vm, va, pte, pte_flags(v->prot) |
					    PTE_ACCESSED | PTE_DIRTY);
		set_prot(vm, va, pte, v->prot);
		return 0;
	}
	pv_lazy_mmu_begin();
	/* Accessed (and dirty, for a write) already: it is about to be
	 * touched, and on the Host that lets the shadow entry be made now
	 * rather than on one more fault. */
	around = fault_around(vm, v, va);
	r = fill_page(vm, v, va, PTE_ACCESSED | (write ? PTE_DIRTY : 0));
	for (u32 n = 1; !r && n < around; n++) {
		u32 next = va + n * PAGE_SIZE;

		if (next >= v->end || (v->file && next >= v->file_end) || frames_available() < 64)
			break;
		pte = mm_pte(&vm->mm, next);
		if (pte && (*pte & PTE_PRESENT))
			continue;
		/* Marked accessed (and dirty, if it may be written): a
		 * program reads its text in order and writes its data, and
		 * each bit not set would cost the Host one more fault. */
		if (fill_page(vm, v, next, PTE_ACCESSED |
			      (v->prot & PROT_WRITE ? PTE_DIRTY : 0)) < 0)
			break;
	}
	pv_lazy_mmu_end();
	return r;
}

static struct vm *copy_dst;
static int copy_failed;

/*
 * fork's copy of a page is the same frame, read-only in both address
 * spaces until one writes it (vm_fault's unshare_page): a child that execs
 * at once never copies, and its parent takes its pages back one write at
 * a time.  Both entries change through pv, so the Host's shadows and
 * (natively, invlpg) the TLB follow at once: no flush is needed.
 */
static void share_page(struct vm *src, u32 va, u32 *pte, u32 arg)
{
	u32 frame = *pte & PAGE_MASK, flags = *pte & ~PAGE_MASK;

	/* Room for a page table, and for the copy when the frame's count is
	 * full. */
	if (copy_failed || frames_available() < 2) {
		copy_failed = 1;
		return;
	}
	if (!frame_share(frame)) {
		void *copy = __va(frame_alloc());

		memcpy(copy, __va(frame), PAGE_SIZE);
		mm_map(&copy_dst->mm, va, __pa(copy), flags);
		return;
	}
	if (flags & PTE_RW) {
		flags &= ~PTE_RW;
		mm_map(&src->mm, va, frame, flags);
	}
	mm_map(&copy_dst->mm, va, frame, flags);
}

struct vm *vm_copy(struct vm *src)
{
	struct vm *vm = vm_create();

	if (!vm)
		return NULL;
	memcpy(vm->vmas, src->vmas, sizeof(vm->vmas));
	vm->nr_vmas = src->nr_vmas;
	vm->brk_start = src->brk_start;
	vm->arg_start = src->arg_start;
	vm->arg_end = src->arg_end;
	vm->env_start = src->env_start;
	vm->env_end = src->env_end;
	vm->brk = src->brk;
	for (unsigned i = 0; i < vm->nr_vmas; i++)
		if (vm->vmas[i].file)
			file_get(vm->vmas[i].file);
	copy_dst = vm;
	copy_failed = 0;
	src->forked = 1;
	/* The parent's entries and the child's, in one batch. */
	pv_lazy_mmu_begin();
	for (unsigned i = 0; i < vm->nr_vmas && !copy_failed; i++)
		each_pte(src, src->vmas[i].start, src->vmas[i].end, share_page, 0);
	pv_lazy_mmu_end();
	if (copy_failed) {
		vm_put(vm);
		return NULL;
	}
	return vm;
}

/* *pte: the entry for page va of vm, present (brought in as a read of it
 * would be, if it was not); 0 or -errno. */
static long page_in(struct vm *vm, u32 va, u32 **pte)
{
	long r;

	*pte = mm_pte(&vm->mm, va);
	if (*pte && (**pte & PTE_PRESENT))
		return 0;
	if ((r = vm_fault(vm, va, 0)) < 0)
		return r;
	*pte = mm_pte(&vm->mm, va);
	return 0;
}

long vm_write(struct vm *vm, u32 va, const void *src, u32 len)
{
	const u8 *s = src;

	while (len) {
		u32 n = PAGE_SIZE - (va & ~PAGE_MASK), *pte;
		long r;

		if ((r = page_in(vm, va, &pte)) < 0)
			return r;
		/* Through the frame, not the entry: one shared since a fork
		 * is copied first, its entry otherwise unchanged. */
		if ((r = unshare_page(vm, va, pte, *pte & ~PAGE_MASK)) < 0)
			return r;
		if (n > len)
			n = len;
		memcpy((u8 *)__va(*pte & PAGE_MASK) + (va & ~PAGE_MASK), s, n);
		va += n;
		s += n;
		len -= n;
	}
	return 0;
}

long vm_read(struct vm *vm, u32 va, void *dst, u32 len)
{
	u8 *d = dst;

	if (va >= USER_TOP || len > USER_TOP - va)
		return -EFAULT;
	while (len) {
		u32 n = PAGE_SIZE - (va & ~PAGE_MASK), *pte;
		long r;

		if ((r = page_in(vm, va, &pte)) < 0)
			return r;
		if (n > len)
			n = len;
		memcpy(d, (const u8 *)__va(*pte & PAGE_MASK) + (va & ~PAGE_MASK), n);
		va += n;
		d += n;
		len -= n;
	}
	return 0;
}

int vm_user_ok(struct vm *vm, u32 addr, u32 len, int write)
{
	u32 need = PTE_PRESENT | PTE_USER | (write ? PTE_RW : 0);

	if (addr >= USER_TOP || len > USER_TOP - addr)
		return 0;
	for (u32 va = addr & PAGE_MASK; va < addr + len; va += PAGE_SIZE) {
		u32 *pte = mm_pte(&vm->mm, va);

		if (pte && (*pte & need) == need)
			continue;
		if (vm_fault(vm, va, write) < 0)
			return 0;
	}
	return 1;
}

void vm_discard(struct vm *vm, u32 start, u32 end)
{
	pv_lazy_mmu_begin();
	each_pte(vm, start, end, free_page, 0);
	pv_lazy_mmu_end();
	pv_flush_tlb_user();
}
