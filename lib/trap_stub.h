/*
 * One entry stub per vector, for every IDT we build: the Host's own
 * (host/machine/vectors.S), the one a Guest runs with (the Switcher), and
 * the Guest kernel's (guest/x86/entry.S).  Each pushes a zero where the CPU pushes no error
 * code (all but 8, 10-14 and 17), then its vector, so every trap reaches
 * its target with the same frame; and each puts its own address in a
 * table in .rodata, which the C code builds the IDT from.  Assembler only.
 */
.macro TRAP_STUB n, target
	.pushsection .rodata
	.long	1f
	.popsection
1:	.if (\n <> 8) && (\n < 10 || \n > 14) && (\n <> 17)
	pushl	$0
	.endif
	pushl	$\n
	jmp	\target
.endm
