/*
 * The thin hardware layer: every x86 instruction the Host's C code uses,
 * one inline function each.  Nothing else in host/ writes inline assembler,
 * so the logic around these compiles natively for the unit tests.
 */
#ifndef HOST_X86_H
#define HOST_X86_H

#include <lguest/types.h>

#define PAGE_SIZE	4096u
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define X86_EFLAGS_IF	0x00000200u
#define X86_EFLAGS_IOPL	0x00003000u
#define X86_EFLAGS_VM	0x00020000u
#define X86_CR0_PE	0x00000001u
#define X86_CR0_MP	0x00000002u
#define X86_CR0_EM	0x00000004u
#define X86_CR0_TS	0x00000008u
#define X86_CR0_NE	0x00000020u
#define X86_CR0_WP	0x00010000u
#define X86_CR0_PG	0x80000000u
#define X86_CR4_PSE	0x00000010u
#define X86_CR4_OSFXSR	0x00000200u
#define X86_CR4_OSXMMEXCPT 0x00000400u
/* CPUID leaf 1, %edx. */
#define X86_FEATURE_FXSR (1u << 24)
#define X86_FEATURE_SSE	(1u << 25)

/* Page table entry bits. */
#define _PAGE_PRESENT	0x001u
#define _PAGE_RW	0x002u
#define _PAGE_USER	0x004u
#define _PAGE_PWT	0x008u
#define _PAGE_PCD	0x010u
#define _PAGE_ACCESSED	0x020u
#define _PAGE_DIRTY	0x040u
#define _PAGE_PSE	0x080u
#define _PAGE_GLOBAL	0x100u

/* The 6-byte operand of lgdt and lidt. */
struct desc_ptr {
	u16 size;
	u32 address;
} __attribute__((packed));

#ifndef LGUEST_UNIT_TEST
#include "port_io.h"

static inline u32 read_cr0(void) { u32 v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline u32 read_cr2(void) { u32 v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline u32 read_cr3(void) { u32 v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline u32 read_cr4(void) { u32 v; asm volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(u32 v) { asm volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void write_cr3(u32 v) { asm volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void write_cr4(u32 v) { asm volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }

static inline void lgdt(const struct desc_ptr *d) { asm volatile("lgdt %0" : : "m"(*d)); }
static inline void lidt(const struct desc_ptr *d) { asm volatile("lidt %0" : : "m"(*d)); }
static inline void sidt(struct desc_ptr *d) { asm volatile("sidt %0" : "=m"(*d)); }
static inline void sgdt(struct desc_ptr *d) { asm volatile("sgdt %0" : "=m"(*d)); }
static inline void ltr(u16 sel) { asm volatile("ltr %0" : : "r"(sel)); }

static inline void irq_disable(void) { asm volatile("cli" : : : "memory"); }
static inline void irq_enable(void) { asm volatile("sti" : : : "memory"); }
/* sti takes effect after the next instruction, so "sti; hlt" cannot miss
 * an interrupt that arrives between the two. */
static inline void irq_enable_and_halt(void) { asm volatile("sti; hlt" : : : "memory"); }
static inline void halt(void) { asm volatile("hlt" : : : "memory"); }

static inline u64 rdtsc(void) { u32 lo, hi; asm volatile("rdtsc" : "=a"(lo), "=d"(hi)); return ((u64)hi << 32) | lo; }
static inline void clts(void) { asm volatile("clts"); }
/* The x87 and SSE registers, to and from a 512-byte, 16-aligned area. */
static inline void fxsave(void *area) { asm volatile("fxsave %0" : "=m"(*(u8 (*)[512])area)); }
static inline void fxrstor(const void *area) { asm volatile("fxrstor %0" : : "m"(*(const u8 (*)[512])area)); }
static inline void fninit(void) { asm volatile("fninit"); }
static inline u32 cpuid_edx(u32 leaf)
{
	u32 a = leaf, b, c = 0, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d;
}
#endif

#endif
