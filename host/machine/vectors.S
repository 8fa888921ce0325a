/*
 * The Host's own interrupt entry points, one per vector.  They push a
 * uniform frame (struct trap_frame) and call host_trap().  Device
 * interrupts that arrive while a Guest runs come here too, by way of the
 * Switcher's deliver_to_host.
 */
#include <lguest/segments.h>
#include "trap_stub.h"

	.text

	.pushsection .rodata
	.align 4
	.globl host_vectors
host_vectors:
	.popsection

	.set	vec, 0
	.rept	256
	TRAP_STUB	vec, host_entry_common
	.set	vec, vec + 1
	.endr

host_entry_common:
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	pushal
	movl	$LGUEST_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	pushl	%esp			/* host_trap(struct trap_frame *) */
	call	host_trap
	addl	$4, %esp
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp		/* vector and error code */
	iret
	.section .note.GNU-stack, "", @progbits
