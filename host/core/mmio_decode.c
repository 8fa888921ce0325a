/* Decoding a Guest's access to device memory: see mmio_decode.h. */
#include <stddef.h>
#include "lg.h"
#include "mmio_decode.h"

/* The bytes a ModRM byte (and its SIB and displacement) take, for a memory
 * operand; 0 for a register operand, which cannot be a device access. */
static u32 modrm_len(const u8 *p, u32 avail)
{
	u32 mod = p[0] >> 6, rm = p[0] & 7, len = 1;

	if (mod == 3)
		return 0;
	if (rm == 4) {			/* a SIB byte follows */
		if (avail < 2)
			return 0;
		len++;
		if (mod == 0 && (p[1] & 7) == 5)
			len += 4;	/* no base: a 32-bit displacement */
	} else if (mod == 0 && rm == 5) {
		len += 4;		/* an absolute address */
	}
	if (mod == 1)
		len += 1;
	else if (mod == 2)
		len += 4;
	return len <= avail ? len : 0;
}

int mmio_decode(const u8 *code, u32 avail, struct mmio_insn *out)
{
	u32 i = 0, op, n, wide;
	int opsize16 = 0;

	*out = (struct mmio_insn){ 0 };
	if (avail > 15)
		avail = 15;
	for (; i < avail; i++) {
		u8 b = code[i];

		if (b == 0x66)
			opsize16 = 1;
		else if (!(b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E ||
			   b == 0x64 || b == 0x65))
			break;
	}
	if (i >= avail)
		return 0;
	wide = opsize16 ? 2 : 4;
	op = code[i++];

	switch (op) {
	case 0x88: case 0x89: case 0x8A: case 0x8B:	/* mov r/m <-> reg */
		if (i >= avail || !(n = modrm_len(code + i, avail - i)))
			return 0;
		out->write = op <= 0x89;
		out->size = op & 1 ? wide : 1;
		out->reg = (code[i] >> 3) & 7;
		out->len = i + n;
		return 1;
	case 0xC6: case 0xC7: {				/* mov r/m, imm */
		u32 immlen = op == 0xC6 ? 1 : wide;

		if (i >= avail || ((code[i] >> 3) & 7) != 0 ||
		    !(n = modrm_len(code + i, avail - i)) || i + n + immlen > avail)
			return 0;
		out->write = 1;
		out->has_imm = 1;
		out->size = immlen;
		for (u32 k = 0; k < immlen; k++)
			out->imm |= (u32)code[i + n + k] << (8 * k);
		out->len = i + n + immlen;
		return 1;
	}
	case 0xA0: case 0xA1: case 0xA2: case 0xA3:	/* mov %al/%eax <-> moffs */
		if (i + 4 > avail)
			return 0;
		out->write = op >= 0xA2;
		out->size = op & 1 ? wide : 1;
		out->reg = 0;
		out->len = i + 4;
		return 1;
	case 0x0F:					/* movzx */
		if (i + 1 >= avail || (code[i] != 0xB6 && code[i] != 0xB7) ||
		    !(n = modrm_len(code + i + 1, avail - i - 1)))
			return 0;
		out->size = code[i] == 0xB6 ? 1 : 2;
		out->zero_extend = 1;
		out->reg = (code[i + 1] >> 3) & 7;
		out->len = i + 1 + n;
		return 1;
	}
	return 0;
}

/* Register number to saved register.  For byte operations numbers 4 to 7
 * are %ah, %ch, %dh and %bh: the second byte of the first four. */
static u32 *reg_slot(struct lguest_regs *r, int reg, u32 size, u32 *shift)
{
	u32 *slots[8] = { &r->eax, &r->ecx, &r->edx, &r->ebx,
			  &r->esp, &r->ebp, &r->esi, &r->edi };

	*shift = 0;
	if (size == 1 && reg >= 4) {
		*shift = 8;
		reg -= 4;
	}
	return slots[reg];
}

static u32 size_mask(u32 size)
{
	return size == 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
}

u32 mmio_store_value(const struct lguest_regs *r, const struct mmio_insn *m)
{
	u32 shift, *slot;

	if (m->has_imm)
		return m->imm;
	slot = reg_slot((struct lguest_regs *)r, m->reg, m->size, &shift);
	return (*slot >> shift) & size_mask(m->size);
}

void mmio_complete_load(struct lguest_regs *r, const struct mmio_insn *m, u32 value)
{
	u32 shift, *slot = reg_slot(r, m->reg, m->size, &shift);
	u32 mask = size_mask(m->size);

	if (m->zero_extend) {
		*slot = value & mask;
		return;
	}
	*slot = (*slot & ~(mask << shift)) | ((value & mask) << shift);
}
