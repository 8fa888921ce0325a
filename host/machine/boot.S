/*
 * Where the Host begins.  A multiboot loader (QEMU's, here) has put us at
 * 1 MiB and jumps to _start in 32-bit protected mode with paging off:
 * %eax holds the multiboot magic, %ebx the address of its information.
 * We need only a stack before C can take over.
 */
#define MB_MAGIC 0x1BADB002
/* Page-align the modules (we hand their pages on) and give us a memory map. */
#define MB_FLAGS 0x00000003

	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

	.text
	.globl _start
_start:
	cli
	movl	$boot_stack_top, %esp
	/* Zero the BSS: a loader need not have. */
	movl	%eax, %edx
	movl	$bss_start, %edi
	movl	$bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	movl	%edx, %eax
	xorl	%ebp, %ebp		/* the end of every backtrace */
	pushl	%ebx			/* host_main(magic, info) */
	pushl	%eax
	call	host_main
	/* host_main never returns; if it did, stop here for good. */
1:	cli
	hlt
	jmp	1b

	.bss
	.align 16
	.globl boot_stack_bottom
boot_stack_bottom:
	.space 16384
boot_stack_top:
	.section .note.GNU-stack, "", @progbits
