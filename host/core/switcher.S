/*
 * The Switcher: the few instructions that change the CPU from the Host's
 * world to the Guest's and back.  It sits at 0xFFC00000 in both address
 * spaces, because it is running at the moment the page tables change.
 *
 * Two roads lead through it.  switch_to_guest is called by the Host's
 * run_guest_once() with the Guest's registers ready in struct lguest_pages;
 * it saves what the Host needs, loads the Guest's GDT, IDT, TSS and page
 * tables, and "iret"s into the Guest at ring 1.  The other road is every
 * trap and interrupt the Guest takes: the Guest's IDT sends all of them
 * here (but the system call, which the Host may point straight at the
 * Guest), we save the Guest's registers in that same structure, restore the
 * Host's world, and return to the Host as if switch_to_guest had returned.
 */
#include <lguest/segments.h>
#include "switcher_layout.h"
#include "trap_stub.h"

	.section .switcher.text, "ax"

/*
 * Entered from the Host with:
 *   %eax = this CPU's struct lguest_pages (at its Switcher address)
 *   %ebx = the Guest's page directory (a machine address, for %cr3)
 *   the Host's stack holding eflags, %cs and the return address, as an
 *   interrupt would have left them: the way home is an "iret".
 * Interrupts are off.  The Host told gcc every other register dies here.
 */
	.globl switch_to_guest
switch_to_guest:
	/* The Host's segment registers and frame pointer go on its stack. */
	pushl	%es
	pushl	%ds
	pushl	%gs
	pushl	%fs
	pushl	%ebp
	movl	%esp, LGUEST_PAGES_host_sp(%eax)

	/* From here the stack is the Guest's saved registers: the end of
	 * them is where the CPU will push the next trap, so that is also
	 * where our TSS points. */
	leal	LGUEST_PAGES_regs(%eax), %esp

	lgdt	LGUEST_PAGES_guest_gdt_desc(%eax)
	lidt	LGUEST_PAGES_guest_idt_desc(%eax)

	/* Loading the task register marks its GDT entry "busy": do it now,
	 * while the state page is still writable (it is read-only under the
	 * Guest's page tables). */
	movl	$LGUEST_TSS_SEL, %edx
	ltr	%dx

	/* The Host's TSS entry was marked busy when the Host loaded it; clear
	 * that now, or the "ltr" on the way back would fault. */
	movl	(LGUEST_PAGES_host_gdt_desc + 2)(%eax), %edx
	andb	$0xFD, (GDT_ENTRY_TSS * 8 + 5)(%edx)

	/* The last step: the Guest's page tables.  The register page is
	 * mapped writable at the same address, so our stack stays good. */
	movl	%ebx, %cr3

	popl	%eax
	popl	%ebx
	popl	%ecx
	popl	%edx
	popl	%esi
	popl	%edi
	popl	%ebp
	popl	%gs
	popl	%fs
	popl	%ds
	popl	%es
	/* Step over the trap number and error code. */
	addl	$8, %esp
	/* eip, cs, eflags, esp and ss: to ring 1 (or 3), and the Guest runs. */
	iret

/*
 * Back to the Host, on both roads that lead there.  The CPU has switched to
 * the stack in our TSS (the end of the register page) and pushed the
 * Guest's ss, esp, eflags, cs and eip; the stub pushed an error code and
 * the trap number.  We push the rest in struct lguest_regs order.
 */
.macro SWITCH_TO_HOST
	pushl	%es
	pushl	%ds
	pushl	%fs
	pushl	%gs
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%edx
	pushl	%ecx
	pushl	%ebx
	pushl	%eax
	/* %ds is still whatever the Guest had: use our own. */
	movl	$LGUEST_DS, %eax
	movl	%eax, %ds
	/* Which struct lguest_pages?  The stack is inside its first page: round
	 * down.  (If the fault came while switch_to_guest was restoring Guest
	 * registers, the stack is lower in that page, and rounding still
	 * finds it.) */
	movl	%esp, %eax
	andl	$0xFFFFF000, %eax
	/* Keep the trap number (the Guest's register page is not mapped in the
	 * Host at the address %esp holds): the stub pushed it above the eleven
	 * registers. */
	movl	44(%esp), %ebx
	/*
	 * The failsafe.  A trap from the Guest (ring 1 or 3) switched to the
	 * stack in our TSS, so the registers end exactly at the start of
	 * struct lguest_regs.  Anywhere else, the Switcher itself faulted at
	 * ring 0 on its way into the Guest (a segment "pop", the "iret"), with
	 * no stack switch, its frame pushed halfway through the saved
	 * registers.  Coming back as if the Guest had trapped would re-enter
	 * on the same registers and fault again, for ever: say what happened
	 * instead, and the Host kills the Guest (core.c).  The Host checks
	 * everything the Switcher loads before entry, so only a Host bug gets
	 * here; this makes that bug a kill, not a hang.
	 */
	leal	LGUEST_PAGES_regs(%eax), %edx
	cmpl	%edx, %esp
	je	1f
	movl	%ebx, LGUEST_PAGES_regs_errcode(%eax)
	movl	52(%esp), %edx		/* the faulting instruction */
	movl	%edx, LGUEST_PAGES_regs_eip(%eax)
	movl	$LGUEST_TRAP_SWITCHER_FAULT, LGUEST_PAGES_regs_trapnum(%eax)
1:
	/* The Host's page tables first: its GDT, IDT and stack live there. */
	movl	LGUEST_PAGES_host_cr3(%eax), %edx
	movl	%edx, %cr3
	/* Unmark the Guest's TSS as busy, for the next entry's "ltr". */
	andb	$0xFD, (LGUEST_PAGES_guest_gdt + GDT_ENTRY_TSS * 8 + 5)(%eax)
	lgdt	LGUEST_PAGES_host_gdt_desc(%eax)
	lidt	LGUEST_PAGES_host_idt_desc(%eax)
	movl	LGUEST_PAGES_host_sp(%eax), %esp
	movl	$LGUEST_TSS_SEL, %edx
	ltr	%dx
	popl	%ebp
	popl	%fs
	popl	%gs
	popl	%ds
	popl	%es
.endm

/* A trap (or the hypercall): the Host reads regs->trapnum and decides. */
return_to_host:
	SWITCH_TO_HOST
	iret

/*
 * An interrupt from a device, which the Host must handle as if it had come
 * while the Host itself was running.  The Host's stack now looks like an
 * interrupt frame (run_guest_once pushed eflags and a far return address),
 * so we jump to the Host's own handler for this vector: its "iret" brings
 * us back to run_guest_once.
 */
deliver_to_host:
	SWITCH_TO_HOST
	/* The handler's address, from the Host's IDT gate for this vector:
	 * low 16 bits in the first word, high 16 in the last. */
	movl	(LGUEST_PAGES_host_idt_desc + 2)(%eax), %edx
	leal	(%edx, %ebx, 8), %eax
	movzwl	(%eax), %edx
	movl	4(%eax), %eax
	xorw	%ax, %ax
	orl	%eax, %edx
	jmp	*%edx

/* One stub per vector (trap_stub.h); switcher_stubs[] lists them, for the
 * Host to build the Guest's IDT from. */
	.pushsection .rodata
	.align 4
	.globl switcher_stubs
switcher_stubs:
	.popsection

	/* Traps, the hypercall among them, go back to the Host to decide. */
	.set	vec, 0
	.rept	32
	.if vec == 2
	TRAP_STUB	vec, nmi
	.else
	TRAP_STUB	vec, return_to_host
	.endif
	.set	vec, vec + 1
	.endr
	/* Device interrupts go to the Host's handlers. */
	.rept	96
	TRAP_STUB	vec, deliver_to_host
	.set	vec, vec + 1
	.endr
	/* A system call the Host could not send straight to the Guest. */
	TRAP_STUB	128, return_to_host
	.set	vec, 129
	.rept	127
	TRAP_STUB	vec, deliver_to_host
	.set	vec, vec + 1
	.endr

/*
 * The floor (LGUEST_FLOOR_VECTOR): a ring 1 -> 0 -> 1 round trip that does
 * nothing, and with %eax = 1 also the two %cr3 loads every world switch
 * pays.  Its gate points here directly, past the stubs: no trap number, no
 * Host.  It runs on the register page's stack, whose contents only matter
 * between a trap and the Host reading them.
 */
	.globl floor_trap
floor_trap:
	testl	%eax, %eax
	jz	1f
	pushl	%eax
	movl	%cr3, %eax
	movl	%eax, %cr3
	movl	%eax, %cr3
	popl	%eax
1:	iret

/* An NMI can arrive anywhere, even halfway through a switch, where no
 * stack or segment can be trusted: the machine we run on sends none, so
 * we drop it and carry on. */
nmi:
	addl	$8, %esp
	iret

	.globl switcher_text_used
	.set switcher_text_used, . - switch_to_guest
	.section .note.GNU-stack, "", @progbits
