/*
 * A process's address space (vm.c): its page tables and the areas of
 * user memory it may touch, each with its protection and, for a mapping of
 * a file, where its contents come from.  Pages arrive at first touch (the
 * page fault), zeroed or read from the file.  fork shares every page
 * read-only (each frame counts its users, mm.h) and the first write to one
 * copies it.  vfork and CLONE_VM share a whole struct vm, counted.
 */
#ifndef GUEST_VM_H
#define GUEST_VM_H

#include <lguest/types.h>
#include "mm/mm.h"

#define USER_TOP	0xC0000000u	/* the kernel's half starts here */
#define STACK_TOP	0xBFFFF000u
#define STACK_MAX	(8u << 20)	/* RLIMIT_STACK */
#define MMAP_BASE	0x40000000u	/* where mmap looks for room first */
#define MAX_VMAS	64

/* mmap(2)'s protections and flags, as Linux numbers them. */
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20

struct file;

/* [start, end), page-aligned.  A file-backed area's page at va holds the
 * file's bytes from offset + (va - start), up to file_end (a virtual
 * address: an ELF segment's file part may end inside a page, the rest of
 * which is zero). */
struct vma {
	u32 start, end;
	u32 prot;
	struct file *file;
	u32 offset;
	u32 file_end;
};

struct vm {
	struct mm mm;
	struct vma vmas[MAX_VMAS];	/* sorted by start, not overlapping */
	unsigned nr_vmas;
	u32 brk_start, brk;
	/* Where exec left argv's strings and envp's, for /proc/PID/cmdline
	 * and environ (Linux's mm->arg_start and the like). */
	u32 arg_start, arg_end, env_start, env_end;
	int users;			/* processes sharing it (CLONE_VM) */
	int forked;			/* it may hold pages a fork left read-only */
};

/* A new empty address space, or NULL when memory is short. */
struct vm *vm_create(void);
/* One user fewer; the last frees every page, table and file reference
 * (never the address space we are running on: switch away first). */
void vm_put(struct vm *vm);
/* fork: a copy of every area, sharing every page present copy-on-write,
 * or NULL when memory is short. */
struct vm *vm_copy(struct vm *src);

/* When a child lets go of the copy fork made (its exec or exit): the
 * pages fork shared that vm, its parent's, now holds alone are made
 * writable again in one batch, not by a fault each at the parent's next
 * write (two world switches each on the Host).  A child that execs at
 * once leaves the shell all its pages. */
void vm_take_back(struct vm *vm);

/* The area holding addr, or NULL. */
struct vma *vma_find(struct vm *vm, u32 addr);
/* Make [start, end) one area (replacing whatever was there); 0 or -ENOMEM
 * when the table is full.  Takes a reference on file. */
long vma_map(struct vm *vm, u32 start, u32 end, u32 prot, struct file *file,
	     u32 offset, u32 file_end);
/* Remove [start, end) from every area, freeing its pages; splits areas
 * that straddle it.  0 or -ENOMEM (no room for the split). */
long vma_unmap(struct vm *vm, u32 start, u32 end);
/* Change [start, end)'s protection (all of it must be mapped). */
long vma_protect(struct vm *vm, u32 start, u32 end, u32 prot);
/* The lowest free gap of len bytes at or above from, or 0. */
u32 vm_find_gap(struct vm *vm, u32 from, u32 len);

/*
 * Bring in the page at addr for an access (write or not) as the area
 * allows, and copy one shared since a fork for a write: 0, -EFAULT if the area forbids it (or there is none), -ENOMEM if
 * no frame is left.  For a page fault and for the kernel's user-pointer
 * checks alike.
 */
long vm_fault(struct vm *vm, u32 addr, int write);

/* The whole pages of the read-only file area holding addr, up to
 * max_pages from its start, mapped now as the file's own pages (marked
 * accessed), so far as they are whole pages of a file in memory: exec's
 * way of mapping a program's text, whose pages a run touches all over. */
void vm_map_file_pages(struct vm *vm, u32 addr, u32 max_pages);

/* [addr, addr + len) is vm's and present, writable if write: what is not
 * present yet but belongs to it is brought in, as a touch from ring 3
 * would.  The check behind every user pointer (mm/uaccess.h). */
int vm_user_ok(struct vm *vm, u32 addr, u32 len, int write);
/* Free the pages of [start, end), keeping the areas (MADV_DONTNEED). */
void vm_discard(struct vm *vm, u32 start, u32 end);

/* The kernel writes len bytes at user address va of vm (not necessarily
 * the one running), whatever the areas' protection: a new program's
 * stack and segments, a child's tid.  0, or -EFAULT / -ENOMEM. */
long vm_write(struct vm *vm, u32 va, const void *src, u32 len);

/* The kernel reads len bytes at user address va of vm (not necessarily
 * the one running), as the areas allow reading: 0, or -EFAULT / -ENOMEM.
 * Pages not yet present are brought in, as the owner's touch would. */
long vm_read(struct vm *vm, u32 va, void *dst, u32 len);

#endif
