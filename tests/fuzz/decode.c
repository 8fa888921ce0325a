/*
 * libFuzzer target for the instruction decoders: decode_insn() (what
 * faulted at ring 1), mmio_decode() (a device access) and emulate.c, which
 * fetches the bytes through %cs and plays IN and OUT, over bytes the input
 * gives.
 *
 * A decoded length is within what was there and at most 15 bytes, and
 * consistent: the instruction decodes the same from exactly its own bytes,
 * and not from one byte fewer, so nothing past it was read and nothing of
 * it was skipped.  Everything before the opcode is a prefix.  A played IN
 * changes only the bytes of %eax it reads, an OUT no register, and either
 * steps %eip past exactly the instruction; a device load changes only the
 * register (or its byte) the instruction names.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../host/core/decode.h"
#include "../../host/core/lg.h"
#include "../../host/core/mmio_decode.h"

#define MEM 8192u

static struct lguest lg;
static struct lguest_regs regs;

/* The Guest's page tables: virtual is physical. */
int guest_virt_to_phys(struct lguest *l, u32 vaddr, u32 *gpa)
{
	*gpa = vaddr;
	return vaddr < l->mem_size;
}
int launcher_device_access(struct lguest *l, u32 gpa, int write, u32 size, u32 *value)
{
	(void)l; (void)gpa; (void)write; (void)size;
	*value = 0x5A5A5A5A;
	return 1;
}
int deliver_soft_int(struct lguest *l, unsigned vector, u32 len)
{
	(void)l; (void)vector;
	if (len < 1 || len > 15)
		abort();
	return 0;
}

static int prefix(u8 b)
{
	return b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 ||
	       b == 0x65 || b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3;
}

static void one_insn(const u8 *code, u32 n, int code16)
{
	struct insn a, b;
	u32 op;

	if (!decode_insn(code, n, code16, &a) || !a.len)
		return;	/* unknown, or a 0F instruction whose length is not needed */
	if (a.len > n || a.len > 15 ||
	    !decode_insn(code, a.len, code16, &b) || memcmp(&a, &b, sizeof(a)) ||
	    decode_insn(code, a.len - 1, code16, &b))
		abort();
	op = a.len - 1 - (a.io_port_imm || (a.is_int && a.len >= 2 && code[a.len - 2] == 0xCD));
	for (u32 i = 0; i < op; i++)
		if (!prefix(code[i]))
			abort();
	if ((a.is_io && a.io_size != 1 && a.io_size != 2 && a.io_size != 4) ||
	    (a.is_int && code[op] == 0xCD && a.int_vector != code[op + 1]))
		abort();
}

static void one_mmio(const u8 *code, u32 n, u32 reg_seed)
{
	struct mmio_insn a, b;
	struct lguest_regs r, before;
	u32 *w = &r.eax, *v = &before.eax, changed = 0;

	if (!mmio_decode(code, n, &a))
		return;
	if (a.len > n || a.len > 15 || (a.size != 1 && a.size != 2 && a.size != 4) ||
	    a.reg < 0 || a.reg > 7 || (a.has_imm && !a.write) ||
	    !mmio_decode(code, a.len, &b) || memcmp(&a, &b, sizeof(a)) ||
	    mmio_decode(code, a.len - 1, &b))
		abort();
	if (a.write)
		return;
	for (u32 i = 0; i < sizeof(r) / 4; i++)
		w[i] = reg_seed * (i + 1);
	before = r;
	mmio_complete_load(&r, &a, 0xC3C3C3C3);
	/* Only the named register of the eight general ones (%esp too). */
	for (u32 i = 0; i < sizeof(r) / 4; i++)
		changed += w[i] != v[i];
	r.eax = before.eax; r.ecx = before.ecx; r.edx = before.edx; r.ebx = before.ebx;
	r.esp = before.esp; r.ebp = before.ebp; r.esi = before.esi; r.edi = before.edi;
	if (changed > 1 || memcmp(&r, &before, sizeof(r)))
		abort();
}

/* emulate_insn() on code at %eip, in a 32- or 16-bit %cs. */
static void one_emulation(const u8 *code, u32 n, int code16, u32 eax)
{
	static u8 ram[MEM];
	struct lguest_regs before;
	struct insn insn;
	const char *name;
	u32 at = MEM - 16 + (eax & 15);	/* sometimes running off the end */

	memset(&lg, 0, sizeof(lg));
	lg.mem = ram;
	lg.mem_size = MEM;
	lg.regs = &regs;
	setup_guest_gdt(&lg);
	if (code16)
		lg.gdt[GDT_ENTRY_KERNEL_CS] &= ~((u64)0x400000 << 32);
	memcpy(ram + at, code, n < MEM - at ? n : MEM - at);
	regs = (struct lguest_regs){ .eax = eax, .cs = LGUEST_KERNEL_CS, .eip = at };
	before = regs;
	if (!emulate_insn(&lg, &name)) {
		if (memcmp(&regs, &before, sizeof(regs)))
			abort();
		return;
	}
	/* Played: an IN or OUT, now decoded from what was in memory. */
	if (!decode_insn(ram + at, MEM - at, code16, &insn) || !insn.is_io ||
	    regs.eip != at + insn.len || insn.len > 15)
		abort();
	if (insn.io_in) {
		u32 mask = insn.io_size == 4 ? ~0u : (1u << (8 * insn.io_size)) - 1;

		if (regs.eax != (eax | mask))
			abort();
	} else if (regs.eax != eax) {
		abort();
	}
	regs.eip = before.eip;
	regs.eax = before.eax;
	if (memcmp(&regs, &before, sizeof(regs)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size);

/* The input: a flags byte (bit 0: 16-bit code), a register seed, then the
 * instruction's bytes (at most 20, so a cap of 15 is tried). */
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	u32 seed;
	u32 n;

	if (size < 5)
		return 0;
	memcpy(&seed, in + 1, 4);
	n = size - 5 > 20 ? 20 : (u32)(size - 5);
	one_insn(in + 5, n, in[0] & 1);
	one_mmio(in + 5, n, seed);
	one_emulation(in + 5, n, in[0] & 1, seed);
	return 0;
}
