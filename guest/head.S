/*
 * Where the Guest kernel begins.
 *
 * We are running at our physical address (the low alias of our memory),
 * though we are linked at LGUEST_PAGE_OFFSET above it: relative jumps are
 * fine, but any data we touch before we move up must have the offset taken
 * off by hand.
 */
#include <lguest/boot.h>
#include <lguest/hcall.h>

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
	/* A stack, and up to where we are linked: C from here on. */
	movl	$boot_stack_top, %esp
	pushl	%esi
	movl	$guest_main, %eax
	call	*%eax
1:	jmp	1b

/* Booted by something that is not lguest: nothing we can do yet but stop. */
not_lguest:
	cli
2:	hlt
	jmp	2b

	.bss
	.align 16
boot_stack:
	.space 16384
boot_stack_top:
	.section .note.GNU-stack, "", @progbits
