/* Segment and gate descriptors, as the Guest kernel builds them. */
#ifndef GUEST_DESC_H
#define GUEST_DESC_H

#include <lguest/types.h>

/* A 32-bit segment: limit in 4 KiB pages when granular, else bytes. */
static inline u64 seg_desc(u32 base, u32 limit, u8 access, int granular)
{
	u64 d = (limit & 0xFFFFu) | ((u64)(base & 0xFFFFFFu) << 16);

	d |= (u64)access << 40;
	d |= (u64)((limit >> 16) & 0xF) << 48;
	d |= (u64)(granular ? 0xC : 0x4) << 52;
	d |= (u64)(base >> 24) << 56;
	return d;
}

/* A gate: type 0xE (interrupt) or 0xF (trap), with its privilege. */
static inline u64 gate_desc(u16 sel, u32 offset, u8 type, u8 dpl)
{
	u64 lo = (offset & 0xFFFFu) | ((u32)sel << 16);
	u64 hi = (offset & 0xFFFF0000u) | 0x8000u | ((u32)dpl << 13) | ((u32)type << 8);

	return lo | (hi << 32);
}

/* Access bytes. */
#define ACC_DATA_DPL0	0x92	/* present, data, writable */
#define ACC_DATA_DPL3	0xF2
#define ACC_CODE_DPL1	0xBA	/* present, code, readable */

#endif
