# Test inputs for the lguest command, made fresh in a temporary directory:
# $fx/text, $fx/empty, $fx/short (a cut ELF header), $fx/exit7.elf (a tiny
# multiboot kernel that prints "hi" and exits with status 7),
# $fx/loop.elf (one that never stops), $fx/high.elf (one loaded at 8 MiB), $fx/triple.elf (one that triple
# faults).  Sourced after tests/lib.sh.
fx=$(mktemp -d)
trap 'rm -rf "$fx"' EXIT

# make_kernel NAME ASSEMBLY: a 32-bit multiboot ELF whose code is ASSEMBLY.
make_kernel() {
	cat >"$fx/$1.S" <<ASM
	.text
	.align 4
	.long 0x1BADB002, 0, -0x1BADB002
	.globl _start
_start:
$2
ASM
	gcc -m32 -c "$fx/$1.S" -o "$fx/$1.o" &&
		ld -m elf_i386 -Ttext=0x100000 -e _start -o "$fx/$1.elf" "$fx/$1.o"
}

make_kernel exit7 '
	mov $0x3f8, %dx
	mov $0x68, %al; out %al, %dx
	mov $0x69, %al; out %al, %dx
	mov $0x0a, %al; out %al, %dx
	mov $0xf4, %dx
	mov $8, %eax		/* LGUEST_EXIT_PORT_VALUE(7) */
	outl %eax, %dx
1:	hlt; jmp 1b'
# high.elf: loaded at 8 MiB, out of reach of a 4 MiB Guest.
make_kernel high '
1:	jmp 1b'
ld -m elf_i386 -Ttext=0x800000 -e _start -o "$fx/high.elf" "$fx/high.o"
make_kernel loop '
1:	jmp 1b'
make_kernel triple '
	lidt idt0
	int3
	.align 8
idt0:	.word 0
	.long 0'
echo "not an ELF file at all" >"$fx/text"
: >"$fx/empty"
head -c 30 "$fx/exit7.elf" >"$fx/short"
