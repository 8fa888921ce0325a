/*
 * The baseline for "how long does lguest take to start": a multiboot
 * kernel that does nothing but end the machine through isa-debug-exit,
 * as the Host does when its Guest powers off.
 */
#include <lguest/exit_status.h>

	.text
	.align 4
	.long 0x1BADB002, 0, -0x1BADB002	/* the multiboot header */
	.globl _start
_start:
	movl	$LGUEST_EXIT_PORT, %edx
	movl	$LGUEST_EXIT_PORT_VALUE(0), %eax
	outl	%eax, %dx
1:	hlt
	jmp	1b
	.section .note.GNU-stack, "", @progbits
