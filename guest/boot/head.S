/*
 * Where the Guest kernel begins, in either world.
 *
 * We are running at our physical address (the low alias of our memory),
 * though we are linked at LGUEST_PAGE_OFFSET above it: relative jumps are
 * fine, but any data we touch before we move up must have the offset taken
 * off by hand.
 *
 * One binary boots two ways, and %eax at entry says which (boot.h): the
 * Host starts us with LGUEST_BOOT_MAGIC, paging on and our RAM mapped;
 * a multiboot loader (QEMU's -kernel, GRUB) with MULTIBOOT_MAGIC, paging
 * off and segments of its own.  No build flag chooses: the same file runs
 * in both.
 */
#include <lguest/boot.h>
#include <lguest/hcall.h>
#include <lguest/segments.h>
#include "native/native.h"

/* The multiboot (version 1) header, in the first 8 KiB of the file as the
 * specification asks (guest.ld puts it first).  Flags: modules
 * page-aligned (the initrd), and a memory map.  Without the "a.out kludge"
 * flag the loader reads our ELF program headers and loads each segment at
 * its physical address: 1 MiB up, where the Host loads us too. */
#define MB_HEADER_MAGIC 0x1BADB002
#define MB_HEADER_FLAGS 0x00000003

	.section .multiboot, "a"
	.align 4
	.long MB_HEADER_MAGIC, MB_HEADER_FLAGS, -(MB_HEADER_MAGIC + MB_HEADER_FLAGS)

	.section .text.entry, "ax"
	.globl _start
_start:
	cmpl	$LGUEST_BOOT_MAGIC, %eax
	jne	not_lguest
	/* Our first act on the Host: tell it where our lguest_data is.  Until
	 * we do, it will take no other call from us. */
	movl	%ebx, %esi			/* the boot page, for C */
	movl	$LHCALL_LGUEST_INIT, %eax
	movl	$(lguest_data - LGUEST_PAGE_OFFSET), %ebx
	int	$LGUEST_TRAP_ENTRY
	/* Up to where we are linked, and a stack: C from here on.  Calling
	 * from up there leaves guest_main() a return address in _start, not
	 * in the low alias, where a debugger finds the Host's code. */
	movl	$1f, %eax
	jmp	*%eax
1:	movl	$boot_stack_top, %esp
	xorl	%ebp, %ebp			/* the end of every backtrace */
	pushl	%esi
	pushl	$LGUEST_BOOT_MAGIC		/* guest_main(world, boot) */
	call	guest_main
6:	jmp	6b

not_lguest:
	cmpl	$MULTIBOOT_MAGIC, %eax
	jne	unknown_world

/*
 * Native: ring 0, paging off, interrupts off, and the loader's segments,
 * which we may not rely on.  The Host would have mapped our RAM at 0 and
 * at LGUEST_PAGE_OFFSET; we do the same with 4 MiB pages (a single page
 * directory, no tables), as far as any Guest's RAM can reach
 * (LGUEST_MEM_MAX).  native_boot() replaces these with tables laid out
 * exactly as the Host's once it knows the size of memory.
 */
	cli					/* the loader should have */
	cld
	movl	%ebx, %esi			/* the multiboot information */
	movl	$(boot_pgdir - LGUEST_PAGE_OFFSET), %edi
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$22, %eax
	orl	$(PDE_PRESENT | PDE_RW | PDE_4M), %eax
	movl	%eax, (%edi,%ecx,4)
	movl	%eax, (LGUEST_PAGE_OFFSET >> 20)(%edi,%ecx,4)
	incl	%ecx
	cmpl	$(LGUEST_MEM_MAX >> 22), %ecx
	jb	2b
	/* The local APIC and the IOAPIC, uncached, at their own addresses. */
	movl	$(NATIVE_APIC_PDE), (NATIVE_APIC_BASE >> 20)(%edi)

	movl	%cr4, %eax
	orl	$CR4_PSE, %eax
	movl	%eax, %cr4
	movl	%edi, %cr3
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP), %eax
	movl	%eax, %cr0

	/* Our own GDT (native.c), in the layout segments.h gives the Host's
	 * and ours; then a far jump reloads %cs, and we are up where we are
	 * linked. */
	lgdt	(native_gdt_desc - LGUEST_PAGE_OFFSET)
	ljmp	$NATIVE_KERNEL_CS, $3f
3:	movl	$NATIVE_KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax			/* no TLS until someone loads it */
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$boot_stack_top, %esp
	xorl	%ebp, %ebp			/* the end of every backtrace */
	pushl	%esi
	pushl	$MULTIBOOT_MAGIC		/* guest_main(world, boot) */
	call	guest_main
4:	jmp	4b

/* Booted by something we do not know: nothing we can do but stop. */
unknown_world:
	cli
5:	hlt
	jmp	5b

	.bss
	.align 4096
boot_pgdir:
	.space 4096
	.align 16
boot_stack:
	.space 16384
boot_stack_top:
	.section .note.GNU-stack, "", @progbits
