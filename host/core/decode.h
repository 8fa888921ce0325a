/*
 * Decoding the instructions that fault at ring 1.
 *
 * When a Guest kernel takes a general protection fault, the Host looks at
 * the instruction to see what it was: an IN or OUT (which the Host
 * emulates, so boot-time probing of absent hardware just finds nothing),
 * or a privileged instruction (which kills the Guest, by name), or a
 * software interrupt (which the Host plays through the Guest's own gate).  Plain C
 * over a byte buffer, so the unit tests can feed it anything.
 */
#ifndef HOST_DECODE_H
#define HOST_DECODE_H

#include <lguest/types.h>

struct insn {
	const char *name;	/* "hlt", "mov to %cr3", ...; NULL if unknown */
	u32 len;		/* bytes, prefixes included; 0 if unknown */
	int is_io;		/* an IN or OUT with a port */
	int io_in;		/* IN (else OUT) */
	int io_size;		/* 1, 2 or 4 bytes */
	int io_port_imm;	/* the port is the immediate (else %dx) */
	u8 io_port;		/* the immediate port */
	int is_iret;		/* an iret (its operand size: opsize16) */
	int is_int;		/* int $N, int3 or into: a software interrupt */
	u8 int_vector;		/* its vector (3 for int3, 4 for into) */
	int opsize16;		/* 16-bit operands (0x66 in 32-bit code) */
};

/* Decode the instruction at code[0..avail), run from a 32-bit code
 * segment, or a 16-bit one if code16 (where 0x66 means 32-bit operands).
 * Returns 0 if it is not one we know (too short, or another instruction). */
int decode_insn(const u8 *code, u32 avail, int code16, struct insn *out);

#endif
