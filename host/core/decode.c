/* Decoding the instructions that fault at ring 1: see decode.h. */
#include <stddef.h>
#include "decode.h"

/* x86 instructions are at most 15 bytes long. */
#define MAX_INSN 15

static const char *const group7[8] = {	/* 0F 01 /r */
	"sgdt", "sidt", "lgdt", "lidt", "smsw", NULL, "lmsw", "invlpg",
};
static const char *const group6[8] = {	/* 0F 00 /r */
	"sldt", "str", "lldt", "ltr", "verr", "verw", NULL, NULL,
};

static int decode_0f(const u8 *p, u32 avail, struct insn *out)
{
	if (avail < 2)
		return 0;
	switch (p[1]) {
	case 0x00:
		if (avail < 3)
			return 0;
		out->name = group6[(p[2] >> 3) & 7];
		break;
	case 0x01:
		if (avail < 3)
			return 0;
		/* With a memory operand the reg field names the instruction;
		 * with a register one (mod 3) most encodings are others. */
		if (p[2] < 0xC0 || ((p[2] >> 3) & 7) == 4 || ((p[2] >> 3) & 7) == 6) {
			out->name = group7[(p[2] >> 3) & 7];
			break;
		}
		switch (p[2]) {
		case 0xC1: out->name = "vmcall"; break;
		case 0xC8: out->name = "monitor"; break;
		case 0xC9: out->name = "mwait"; break;
		case 0xD1: out->name = "xsetbv"; break;
		case 0xF8: out->name = "swapgs"; break;
		default: return 0;
		}
		break;
	case 0x06: out->name = "clts"; break;
	case 0x08: out->name = "invd"; break;
	case 0x09: out->name = "wbinvd"; break;
	case 0x20: out->name = "mov from a control register"; break;
	case 0x21: out->name = "mov from a debug register"; break;
	case 0x22:
		if (avail < 3)
			return 0;
		switch ((p[2] >> 3) & 7) {
		case 0: out->name = "mov to %cr0"; break;
		case 3: out->name = "mov to %cr3"; break;
		case 4: out->name = "mov to %cr4"; break;
		default: out->name = "mov to a control register"; break;
		}
		break;
	case 0x23: out->name = "mov to a debug register"; break;
	case 0x30: out->name = "wrmsr"; break;
	case 0x31: out->name = "rdtsc"; break;
	case 0x32: out->name = "rdmsr"; break;
	case 0x33: out->name = "rdpmc"; break;
	case 0x35: out->name = "sysexit"; break;
	case 0x07: out->name = "sysret"; break;
	default: return 0;
	}
	return out->name != NULL;
}

int decode_insn(const u8 *code, u32 avail, int code16, struct insn *out)
{
	u32 i = 0;
	int opsize16 = code16;

	*out = (struct insn){ 0 };
	if (!code)
		return 0;
	if (avail > MAX_INSN)
		avail = MAX_INSN;
	/* Prefixes: operand size matters to IN and OUT; the rest we pass. */
	for (; i < avail; i++) {
		u8 b = code[i];

		if (b == 0x66)
			opsize16 = !code16;
		else if (!(b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E ||
			   b == 0x64 || b == 0x65 || b == 0x67 || b == 0xF0 ||
			   b == 0xF2 || b == 0xF3))
			break;
	}
	if (i >= avail)
		return 0;
	out->opsize16 = opsize16;

	switch (code[i]) {
	case 0xE4: case 0xE5: case 0xE6: case 0xE7:	/* in/out imm8 */
		if (i + 2 > avail)
			return 0;
		out->io_port_imm = 1;
		out->io_port = code[i + 1];
		out->len = i + 2;
		break;
	case 0xEC: case 0xED: case 0xEE: case 0xEF:	/* in/out %dx */
		out->len = i + 1;
		break;
	/* String I/O: the Guest dies at it, so only its name matters. */
	case 0x6C: out->name = "insb"; out->len = i + 1; return 1;
	case 0x6D: out->name = opsize16 ? "insw" : "insl"; out->len = i + 1; return 1;
	case 0x6E: out->name = "outsb"; out->len = i + 1; return 1;
	case 0x6F: out->name = opsize16 ? "outsw" : "outsl"; out->len = i + 1; return 1;
	case 0xF4: out->name = "hlt"; out->len = i + 1; return 1;
	case 0xFA: out->name = "cli"; out->len = i + 1; return 1;
	case 0xFB: out->name = "sti"; out->len = i + 1; return 1;
	/* Software interrupts: the Host needs the vector and the length.  No
	 * name: they are not privileged, and must never be killed as such. */
	case 0xCD:
		if (i + 2 > avail)
			return 0;
		out->is_int = 1;
		out->int_vector = code[i + 1];
		out->len = i + 2;
		return 1;
	case 0xCC:
	case 0xCE:
		out->is_int = 1;
		out->int_vector = code[i] == 0xCC ? 3 : 4;
		out->len = i + 1;
		return 1;
	case 0xCF:
		out->name = "iret";
		out->is_iret = 1;
		out->len = i + 1;
		return 1;
	case 0x0F:
		/* Lengths of these are not needed: the Guest dies at them. */
		return decode_0f(code + i, avail - i, out);
	default:
		return 0;
	}
	/* An IN or OUT: bit 1 of the opcode says OUT, bit 0 says wide. */
	out->is_io = 1;
	out->io_in = !(code[i] & 0x02);
	out->io_size = (code[i] & 0x01) ? (opsize16 ? 2 : 4) : 1;
	out->name = out->io_in ? "in" : "out";
	return 1;
}
