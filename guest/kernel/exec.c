/*
 * Loading a program: a static i386 ELF executable from the initrd, into a
 * fresh address space, with a stack laid out as Linux lays it out (argc,
 * argv, envp, the auxiliary vector), so that real static programs start.
 */
#include "elf.h"
#include "boot/guest.h"
#include "kstring.h"
#include "kernel/proc.h"

#define PT_LOAD 1
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_RANDOM 25

struct phdr {
	u32 type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* Map [start, end) of p's space to fresh zeroed frames. */
static void map_zeroed(struct proc *p, u32 start, u32 end)
{
	for (u32 va = start & PAGE_MASK; va < end; va += PAGE_SIZE) {
		u32 *pte = mm_pte(&p->mm, va);

		if (pte && (*pte & PTE_PRESENT))
			continue;
		mm_map(&p->mm, va, __pa(page_zalloc()), PTE_RW | PTE_USER);
	}
}

/* Copy len bytes to user address va of p (mapped already), through the
 * kernel's view of each frame. */
static void copy_to_proc(struct proc *p, u32 va, const void *src, u32 len)
{
	const u8 *s = src;

	while (len) {
		u32 n = PAGE_SIZE - (va & ~PAGE_MASK);
		u8 *dst = (u8 *)__va(*mm_pte(&p->mm, va) & PAGE_MASK) + (va & ~PAGE_MASK);

		if (n > len)
			n = len;
		memcpy(dst, s, n);
		va += n;
		s += n;
		len -= n;
	}
}

static u32 push_words(struct proc *p, u32 sp, const u32 *w, u32 n)
{
	sp -= n * 4;
	copy_to_proc(p, sp, w, n * 4);
	return sp;
}

u32 exec_load(struct proc *p, const void *elf, u32 size, u32 *sp_out)
{
	const u8 *img = elf;
	u32 end = 0, phoff, phnum, entry, sp, name_va, rand_va, phdr_va = 0;
	static u32 random_seed = 0x9E3779B9u;
	u32 random[4], w[32], n = 0, len = strlen(p->name) + 1;

	/* Every segment inside the file and below the kernel's half. */
	if (elf_check_image(elf, size, USER_TOP, &end) != ELF_OK)
		return 0;
	memcpy(&entry, img + 24, 4);
	memcpy(&phoff, img + 28, 4);
	phnum = (u32)img[44] | (u32)img[45] << 8;
	for (u32 i = 0; i < phnum; i++) {
		struct phdr ph;

		memcpy(&ph, img + phoff + i * sizeof(ph), sizeof(ph));
		if (ph.type != PT_LOAD || !ph.memsz)
			continue;
		if (ph.vaddr != ph.paddr || ph.vaddr < PAGE_SIZE)
			return 0;	/* the checks were made on paddr */
		if (ph.offset == 0)
			phdr_va = ph.vaddr + phoff;	/* the headers are loaded too */
		map_zeroed(p, ph.vaddr, ph.vaddr + ph.memsz);
		copy_to_proc(p, ph.vaddr, img + ph.offset, ph.filesz);
	}
	p->brk_start = p->brk = (end + PAGE_SIZE - 1) & PAGE_MASK;
	p->regions[0] = (struct region){ p->brk_start, p->brk_start };
	p->regions[1] = (struct region){ STACK_TOP - STACK_MAX, STACK_TOP };

	/* The stack: the name and 16 random bytes at the top, then auxv,
	 * envp, argv and argc below them. */
	map_zeroed(p, STACK_TOP - PAGE_SIZE, STACK_TOP);
	sp = STACK_TOP - ((len + 3) & ~3u);
	copy_to_proc(p, sp, p->name, len);
	name_va = sp;
	for (int i = 0; i < 4; i++) {
		random_seed = random_seed * 1103515245u + 12345u + (u32)rdtsc();
		random[i] = random_seed;
	}
	sp = push_words(p, sp, random, 4);
	rand_va = sp;
	sp &= ~15u;
	w[n++] = 1;		/* argc */
	w[n++] = name_va;	/* argv[0] */
	w[n++] = 0;
	w[n++] = 0;		/* no environment */
	w[n++] = AT_PAGESZ; w[n++] = PAGE_SIZE;
	w[n++] = AT_ENTRY; w[n++] = entry;
	w[n++] = AT_PHDR; w[n++] = phdr_va;
	w[n++] = AT_PHENT; w[n++] = sizeof(struct phdr);
	w[n++] = AT_PHNUM; w[n++] = phnum;
	w[n++] = AT_RANDOM; w[n++] = rand_va;
	w[n++] = AT_NULL; w[n++] = 0;
	*sp_out = push_words(p, sp, w, n);
	return entry;
}
