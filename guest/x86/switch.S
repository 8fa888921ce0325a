/*
 * switch_to(&old->kernel_esp, new->kernel_esp): the one place a process
 * gives up the CPU.  The registers C expects to survive a call go on the
 * old kernel stack, the stack pointer into *old, and the new process's
 * stack comes back the same way: its "ret" returns into whatever called
 * switch_to on that stack (or, for a new process, into trap_exit and so to
 * its first instruction in ring 3).
 */
	.text
	.globl switch_to
switch_to:
	movl	4(%esp), %eax
	movl	8(%esp), %edx
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, (%eax)
	movl	%edx, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
	.section .note.GNU-stack, "", @progbits
