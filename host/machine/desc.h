/*
 * Segment and gate descriptors: how x86 spells them, in 64 bits.
 * Built here for the Host's own tables and for the Guest's.
 */
#ifndef HOST_DESC_H
#define HOST_DESC_H

#include <lguest/types.h>

/* Access bytes we use. */
#define DESC_CODE_RING0	0x9A	/* present, ring 0, code, readable */
#define DESC_DATA_RING0	0x92	/* present, ring 0, data, writable */
#define DESC_TSS32	0x89	/* present, ring 0, available 32-bit TSS */
#define GATE_INTERRUPT	0xE	/* clears IF on entry */
#define GATE_TRAP	0xF	/* leaves IF alone */

/* A segment: base, limit (in 4 KiB pages when granular), access byte. */
static inline u64 make_segment(u32 base, u32 limit, u8 access, int granular)
{
	u64 d = (limit & 0xFFFFu) | ((u64)(base & 0xFFFFFFu) << 16);

	d |= (u64)access << 40;
	d |= (u64)((limit >> 16) & 0xF) << 48;
	d |= (u64)(granular ? 0xC : 0x4) << 52;	/* G, D/B=32-bit */
	d |= (u64)(base >> 24) << 56;
	return d;
}

/* Flat 4 GiB code and data at ring 0. */
#define FLAT_CODE_RING0 make_segment(0, 0xFFFFF, DESC_CODE_RING0, 1)
#define FLAT_DATA_RING0 make_segment(0, 0xFFFFF, DESC_DATA_RING0, 1)

/* A gate into code segment sel at offset, with type and DPL. */
static inline u64 make_gate(u16 sel, u32 offset, u8 type, u8 dpl)
{
	u64 lo = (offset & 0xFFFFu) | ((u32)sel << 16);
	u64 hi = (offset & 0xFFFF0000u) | 0x8000u | ((u32)dpl << 13) |
		 ((u32)type << 8);

	return lo | (hi << 32);
}

/* A gate's fields. */
static inline u32 gate_offset(u64 g) { return ((u32)g & 0xFFFFu) | ((u32)(g >> 32) & 0xFFFF0000u); }
static inline u32 gate_selector(u64 g) { return ((u32)g >> 16) & 0xFFFFu; }
static inline u32 gate_type(u64 g) { return ((u32)(g >> 32) >> 8) & 0xF; }
static inline u32 gate_dpl(u64 g) { return ((u32)(g >> 32) >> 13) & 3; }
static inline int gate_present(u64 g) { return ((u32)(g >> 32) & 0x8000u) != 0; }

#endif
