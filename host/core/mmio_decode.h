/*
 * Decoding a Guest's access to device memory.
 *
 * The Guest's virtio devices live in Guest-physical pages that are never
 * mapped, so every load or store there faults into the Host, which must
 * see what the instruction was: which way, how wide, and which register
 * (or immediate) holds the value.  Only the forms a compiler emits for a
 * volatile load or store are accepted: mov (88, 89, 8A, 8B, C6, C7, A0-A3)
 * and movzx (0F B6, 0F B7), with any addressing mode, an operand-size
 * prefix and segment prefixes.  Plain C over a byte buffer.
 */
#ifndef HOST_MMIO_DECODE_H
#define HOST_MMIO_DECODE_H

#include <lguest/types.h>

struct lguest_regs;

struct mmio_insn {
	u32 len;		/* bytes, prefixes included */
	int write;		/* a store (else a load) */
	u32 size;		/* 1, 2 or 4 bytes */
	int reg;		/* the register's number, as x86 encodes it */
	int has_imm;		/* a store of an immediate */
	u32 imm;
	int zero_extend;	/* movzx: the load fills the whole register */
};

/* Decode code[0..avail).  Returns 0 if it is not an access we emulate. */
int mmio_decode(const u8 *code, u32 avail, struct mmio_insn *out);

/* The value a store writes. */
u32 mmio_store_value(const struct lguest_regs *r, const struct mmio_insn *m);
/* Complete a load with the device's value. */
void mmio_complete_load(struct lguest_regs *r, const struct mmio_insn *m, u32 value);

#endif
