/*
 * The native world's first trap handlers: one stub per exception, each
 * putting the same frame on the stack (a zero where the CPU pushes no
 * error code, then the vector) for native_trap() to report.  They stand
 * until the kernel installs its own gates with pv.load_idt_entry.
 */
#include "native/native.h"

/* The exceptions the CPU pushes an error code for.  (29 and 30 push one
 * too, but only under SEV and SVM, which no Guest meets; "int $30", the
 * Host's floor vector, pushes none.) */
#define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
			(v) == 21)

	.text
	.align 16
native_trap_stub_base:
	.set vector, 0
	.rept 32
	.align 16
	.if HAS_ERRCODE(vector) == 0
	pushl	$0
	.endif
	pushl	$vector
	jmp	native_trap_common
	.set vector, vector + 1
	.endr

native_trap_common:
	cld
	pushl	%esp			/* native_trap(frame) */
	call	native_trap		/* reports and ends the run */
1:	hlt
	jmp	1b

/* A spurious local APIC interrupt needs no end-of-interrupt: ignore it. */
	.globl native_spurious_stub
native_spurious_stub:
	iret

	.section .rodata
	.align 4
	.globl native_trap_stubs
native_trap_stubs:
	.set vector, 0
	.rept 32
	.long native_trap_stub_base + vector * 16
	.set vector, vector + 1
	.endr
	.section .note.GNU-stack, "", @progbits
