/*
 * host/core/decode.c: every instruction the Host names or emulates, with
 * the prefixes that change it, and every buffer cut short.  Each buffer is
 * a heap copy of exactly the bytes given, so AddressSanitizer catches the
 * decoder reading one byte past what the Guest's memory held.
 */
#include <string.h>
#include "check.h"
#include "../../host/core/decode.h"

static int code16;	/* decode as from a 16-bit code segment */

static int dec(const char *hex, struct insn *out)
{
	u8 bytes[32];
	size_t n = 0;
	int ok;
	u8 *copy;

	for (const char *p = hex; *p; p++) {
		unsigned v;

		if (*p == ' ')
			continue;
		sscanf(p, "%2x", &v);
		bytes[n++] = (u8)v;
		p++;
	}
	copy = malloc(n ? n : 1);
	memcpy(copy, bytes, n);
	ok = decode_insn(copy, (u32)n, code16, out);
	free(copy);
	return ok;
}

static int named(const char *hex, const char *name)
{
	struct insn i;

	return dec(hex, &i) && i.name && !strcmp(i.name, name);
}

/* IN or OUT: decoded, with direction, size, port and length. */
static int io(const char *hex, int in, int size, int imm, int port, u32 len)
{
	struct insn i;

	return dec(hex, &i) && i.is_io && i.io_in == in && i.io_size == size &&
	       i.io_port_imm == imm && (!imm || i.io_port == port) && i.len == len &&
	       !strcmp(i.name, in ? "in" : "out");
}

static void test_io(void)
{
	CHECK(io("E4 60", 1, 1, 1, 0x60, 2), "inb $0x60");
	CHECK(io("E5 71", 1, 4, 1, 0x71, 2), "inl $0x71");
	CHECK(io("66 E5 71", 1, 2, 1, 0x71, 3), "inw $0x71 (0x66)");
	CHECK(io("E6 F4", 0, 1, 1, 0xF4, 2), "outb $0xf4");
	CHECK(io("E7 F4", 0, 4, 1, 0xF4, 2), "outl $0xf4");
	CHECK(io("66 E7 80", 0, 2, 1, 0x80, 3), "outw $0x80");
	CHECK(io("EC", 1, 1, 0, 0, 1), "inb %%dx");
	CHECK(io("ED", 1, 4, 0, 0, 1), "inl %%dx");
	CHECK(io("66 ED", 1, 2, 0, 0, 2), "inw %%dx");
	CHECK(io("EE", 0, 1, 0, 0, 1), "outb %%dx");
	CHECK(io("EF", 0, 4, 0, 0, 1), "outl %%dx");
	CHECK(io("66 EF", 0, 2, 0, 0, 2), "outw %%dx");
	/* 0x66 does not widen a byte access. */
	CHECK(io("66 EC", 1, 1, 0, 0, 2), "0x66 inb %%dx stays a byte");
	CHECK(io("66 E6 10", 0, 1, 1, 0x10, 3), "0x66 outb stays a byte");
	/* Prefixes that do not matter are counted in the length. */
	CHECK(io("2E 3E 26 36 64 65 ED", 1, 4, 0, 0, 7), "every segment override");
	CHECK(io("67 EE", 0, 1, 0, 0, 2), "address size");
	CHECK(io("F3 EC", 1, 1, 0, 0, 2), "rep");
	CHECK(io("F2 66 66 ED", 1, 2, 0, 0, 4), "repne, 0x66 twice");
	CHECK(io("F0 E4 01", 1, 1, 1, 1, 3), "lock");
	CHECK(io("66 2E F3 67 E7 FF", 0, 2, 1, 0xFF, 6), "prefixes mixed before outw");
	/* 14 prefixes and the opcode: 15 bytes, the longest there is. */
	CHECK(io("2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E EC", 1, 1, 0, 0, 15),
	      "15 bytes with 14 prefixes");
}

static void test_truncated(void)
{
	struct insn i;

	CHECK(!dec("", &i), "nothing at all");
	CHECK(!dec("E4", &i), "inb imm8 without its port");
	CHECK(!dec("66 E7", &i), "outw imm8 without its port");
	CHECK(!dec("66", &i), "a prefix alone");
	CHECK(!dec("2E 66 F3 67 65", &i), "prefixes alone");
	CHECK(!dec("2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E EC", &i),
	      "15 prefixes: the opcode is past the 15-byte limit");
	CHECK(!dec("0F", &i), "0F alone");
	CHECK(!dec("0F 01", &i), "0F 01 without its ModRM");
	CHECK(!dec("0F 00", &i), "0F 00 without its ModRM");
	CHECK(!dec("0F 22", &i), "mov to %%cr without its ModRM");
	CHECK(!dec("66 0F", &i), "0x66 0F alone");
	CHECK(decode_insn(NULL, 0, 0, &i) == 0, "no buffer");
	CHECK(!dec("90", &i), "nop is not ours");
	CHECK(!dec("0F 01 D0", &i), "xgetbv is not privileged");
	CHECK(!dec("0F 01 28", &i), "0F 01 /5 is no instruction we name");
	CHECK(!dec("0F FF", &i), "an unknown 0F opcode");
}

static void test_privileged(void)
{
	struct insn i;

	CHECK(named("0F 01 10", "lgdt"), "lgdt (%%eax)");
	CHECK(named("0F 01 15 00 10 00 00", "lgdt"), "lgdt disp32");
	CHECK(named("0F 01 18", "lidt"), "lidt (%%eax)");
	CHECK(named("66 0F 01 18", "lidt"), "lidt with 0x66");
	CHECK(named("0F 22 C0", "mov to %cr0"), "mov %%eax, %%cr0");
	CHECK(named("0F 22 D8", "mov to %cr3"), "mov %%eax, %%cr3");
	CHECK(named("0F 22 E3", "mov to %cr4"), "mov %%ebx, %%cr4");
	CHECK(named("0F 22 D0", "mov to a control register"), "mov %%eax, %%cr2");
	CHECK(named("0F 20 C0", "mov from a control register"), "mov %%cr0, %%eax");
	CHECK(named("0F 23 C0", "mov to a debug register"), "mov to %%db0");
	CHECK(named("0F 30", "wrmsr"), "wrmsr");
	CHECK(named("0F 32", "rdmsr"), "rdmsr");
	CHECK(named("FA", "cli"), "cli");
	CHECK(named("FB", "sti"), "sti");
	CHECK(named("F4", "hlt"), "hlt");
	CHECK(named("3E F4", "hlt"), "hlt behind a prefix");
	CHECK(named("0F 06", "clts"), "clts");
	CHECK(named("0F 01 38", "invlpg"), "invlpg (%%eax)");
	CHECK(named("0F 00 D8", "ltr"), "ltr %%ax");
	CHECK(named("0F 00 D0", "lldt"), "lldt %%ax");
	CHECK(named("0F 09", "wbinvd"), "wbinvd");
	CHECK(named("0F 08", "invd"), "invd");
	CHECK(named("0F 01 F0", "lmsw"), "lmsw %%ax");
	CHECK(named("0F 01 D1", "xsetbv"), "xsetbv");
	CHECK(named("0F 01 C9", "mwait"), "mwait");
	CHECK(named("6C", "insb"), "insb");
	CHECK(named("6D", "insl"), "insl");
	CHECK(named("66 6D", "insw"), "insw");
	CHECK(named("F3 6E", "outsb"), "rep outsb");
	CHECK(named("66 6F", "outsw"), "outsw");
	CHECK(dec("CF", &i) && i.is_iret && !i.opsize16 && i.len == 1, "iret");
	CHECK(dec("66 CF", &i) && i.is_iret && i.opsize16 && i.len == 2, "iretw");
	CHECK(dec("0F 30", &i) && !i.is_io && !i.is_iret, "wrmsr is neither I/O nor iret");
	CHECK(dec("CD 0E", &i) && i.is_int && i.int_vector == 14 && i.len == 2 && !i.name,
	      "int $14: vector 14, 2 bytes, no privileged name");
	CHECK(dec("3E CD EF", &i) && i.is_int && i.int_vector == 0xEF && i.len == 3,
	      "int $0xef behind a prefix: 3 bytes");
	CHECK(dec("CC", &i) && i.is_int && i.int_vector == 3 && i.len == 1, "int3: vector 3");
	CHECK(dec("CE", &i) && i.is_int && i.int_vector == 4 && i.len == 1, "into: vector 4");
	CHECK(!dec("CD", &i), "int cut short before its vector");
	CHECK(dec("CF", &i) && !i.is_int, "iret is not a software interrupt");
}

/* In a 16-bit code segment the operand size is 16 bits, and 0x66 makes
 * it 32. */
static void test_code16(void)
{
	struct insn i;

	code16 = 1;
	CHECK(io("ED", 1, 2, 0, 0, 1), "16-bit code: inw %%dx");
	CHECK(io("66 ED", 1, 4, 0, 0, 2), "16-bit code: 0x66 inl %%dx");
	CHECK(io("E6 F4", 0, 1, 1, 0xF4, 2), "16-bit code: outb stays a byte");
	CHECK(dec("CF", &i) && i.is_iret && i.opsize16, "16-bit code: iret is iretw");
	CHECK(dec("66 CF", &i) && i.is_iret && !i.opsize16, "16-bit code: 0x66 iret is iretl");
	CHECK(named("6D", "insw") && named("66 6D", "insl"), "16-bit code: insw, 0x66 insl");
	code16 = 0;
}

int main(void)
{
	test_io();
	test_code16();
	test_truncated();
	test_privileged();
	return check_done();
}
