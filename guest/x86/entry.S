/*
 * The Guest kernel's way into and out of every trap and interrupt.
 *
 * One stub per vector (lib/trap_stub.h, the same as the Host's) pushes an
 * error code where the CPU pushes none, then the vector, and joins
 * trap_entry, which saves the rest (struct
 * trap_frame in traps.h) and calls trap_dispatch().  The way out restores
 * it all and leaves through the world's iret: natively the instruction
 * itself; on the Host lguest_iret, because "iret" at ring 1 cannot change
 * the interrupt flag, which lives in lguest_data.
 */
#include <lguest/hcall.h>
#include "trap_stub.h"

	.text
	.pushsection .rodata
	.align 4
	.globl guest_trap_stubs
guest_trap_stubs:
	.popsection
	.set	vec, 0
	.rept	256
	TRAP_STUB vec, trap_entry
	.set	vec, vec + 1
	.endr

trap_entry:
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	pushal
	/* Our data segment is the one our stack is in. */
	movl	%ss, %eax
	movl	%eax, %ds
	movl	%eax, %es
	/* %fs and %gs are the program's, and the GDT entries they name can
	 * go while we are in here (a switch to a process without them, an
	 * exec): a trap taken in the kernel would save such a selector and
	 * fault loading it again on its way out.  The kernel uses neither, so
	 * here they hold null; the way out to the program loads its own. */
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	pushl	%esp
	call	trap_dispatch
	addl	$4, %esp
	.globl trap_exit
trap_exit:
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp		/* vector and error code */
	jmp	*iret_path

	.globl native_iret
native_iret:
	iret

/*
 * The Host's iret.  The interrupt flag the frame holds must go back into
 * lguest_data.irq_enabled, and the real iret follow, with no interrupt in
 * between: an interrupt delivered after the store would find the old
 * frame half-restored.  The Host never interrupts us between
 * lguest_noirq_start and lguest_noirq_end (we told it so in lguest_data).
 * The %ss: prefix because %ds may already be a program's.
 */
	.globl lguest_iret
lguest_iret:
	pushl	%eax
	movl	12(%esp), %eax		/* the frame's eflags */
	andl	$0x200, %eax		/* X86_EFLAGS_IF */
	.globl lguest_noirq_start
lguest_noirq_start:
	movl	%eax, %ss:lguest_data	/* irq_enabled: its first word */
	popl	%eax
	iret
	.globl lguest_noirq_end
lguest_noirq_end:
	.section .note.GNU-stack, "", @progbits
