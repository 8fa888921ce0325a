/*
 * libFuzzer target for the descriptor checks: segments.c (GDT entries,
 * TLS, the selectors a Guest is resumed with) and trap_setup.c (IDT
 * gates, LHCALL_SET_STACK), as the Host runs them, on operations the
 * input decides.
 *
 * What each check promises is held against the architecture, not against
 * the checks' own code: an entry the Host keeps is code or data, of
 * privilege 1 or more, accessed, otherwise as given; a gate leads only to
 * the Guest kernel's code; a trap stack lies below the Switcher; and
 * whenever the Host says the Guest may be entered, the Switcher's "pop"s
 * and "iret" (Intel SDM, IRET to an outer privilege level; MOV to a
 * segment register at ring 0) cannot fault on what it loads.  Conversely,
 * any %cs and %ss that "iret" takes and the Host's rules allow (ring 1 or
 * 3, the Guest's own entries) must be accepted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../host/core/lg.h"
#include "../../host/machine/desc.h"

#define MEM 8192u

static struct lguest lg;
static struct lguest_regs regs;
static u8 *ram;

/* The descriptor fields, as the SDM names them. */
static u32 hi_of(u64 d) { return (u32)(d >> 32); }
static int is_s(u64 d) { return (hi_of(d) >> 12) & 1; }		/* code or data */
static int is_code(u64 d) { return (hi_of(d) >> 11) & 1; }
static int type_bit1(u64 d) { return (hi_of(d) >> 9) & 1; }	/* readable / writable */
static int conforming(u64 d) { return is_code(d) && ((hi_of(d) >> 10) & 1); }
static u32 dpl(u64 d) { return (hi_of(d) >> 13) & 3; }
static int present(u64 d) { return (hi_of(d) >> 15) & 1; }
static u32 limit(u64 d)
{
	u32 l = ((u32)d & 0xFFFF) | (hi_of(d) & 0xF0000);

	return hi_of(d) & 0x800000 ? (l << 12) | 0xFFF : l;
}

/* The Guest's own GDT entry a selector names, or NULL. */
static const u64 *entry(u32 sel)
{
	u32 i = (sel & 0xFFFF) >> 3;

	return (sel & 4) || i <= GDT_ENTRY_HOST_LAST || i >= GDT_ENTRIES ? NULL : &lg.gdt[i];
}

/* The iret to %cs:%eip, %ss at ring 0 succeeds (and the Host's rules hold). */
static int iret_loads(void)
{
	const u64 *c = entry(regs.cs), *s = entry(regs.ss);
	u32 rpl = regs.cs & 3;

	if ((rpl != 1 && rpl != 3) || !c || !s || (regs.ss & 3) != rpl)
		return 0;
	if (!is_s(*c) || !is_code(*c) || !present(*c) ||
	    (conforming(*c) ? dpl(*c) > rpl : dpl(*c) != rpl) || regs.eip > limit(*c))
		return 0;
	return is_s(*s) && !is_code(*s) && type_bit1(*s) && present(*s) && dpl(*s) == rpl;
}

/* A "pop" of a data segment register at ring 0 succeeds. */
static int pop_loads(u32 sel)
{
	const u64 *d;

	if ((sel & 0xFFFC) == 0)
		return 1;
	d = entry(sel);
	return d && is_s(*d) && present(*d) && (!is_code(*d) || type_bit1(*d)) &&
	       (conforming(*d) || (sel & 3) <= dpl(*d));
}

static void check_tables(void)
{
	for (unsigned i = GDT_ENTRY_HOST_LAST + 1; i < GDT_ENTRIES; i++)
		if (lg.gdt[i] && (!is_s(lg.gdt[i]) || dpl(lg.gdt[i]) < 1 || !(hi_of(lg.gdt[i]) & 0x100)))
			abort();
	for (unsigned v = 0; v < 256; v++)
		if (lg.idt[v] && (gate_selector(lg.idt[v]) != LGUEST_KERNEL_CS ||
				  v == 2 || v == 8 || v == LGUEST_FLOOR_VECTOR || v == LGUEST_TRAP_ENTRY))
			abort();
	if (lg.ss1 && (lg.esp1 < PAGE_SIZE || lg.esp1 > SWITCHER_ADDR))
		abort();
}

/* One descriptor through check_guest_descriptor(): kept as given but for
 * the accessed bit and a privilege of 0 raised to 1. */
static void one_descriptor(u64 d)
{
	u64 fixed = d;

	if (check_guest_descriptor(&fixed))
		return;
	if (d == 0) {
		if (fixed)
			abort();
		return;
	}
	if (!is_s(fixed) || dpl(fixed) < 1 || !(hi_of(fixed) & 0x100) ||
	    (dpl(d) && dpl(fixed) != dpl(d)) ||
	    ((fixed ^ d) & ~((u64)0x6100 << 32)))
		abort();
}

/* The entry into the Guest: accepted exactly when the Switcher can load
 * everything (the data selectors are nulled rather than refused). */
static void one_entry(void)
{
	int cpu_would = iret_loads();
	int host_did = guest_segments_usable(&lg);

	if (host_did != cpu_would || (!host_did && lg.end != GUEST_KILLED))
		abort();
	if (host_did && (!pop_loads(regs.ds) || !pop_loads(regs.es) ||
			 !pop_loads(regs.fs) || !pop_loads(regs.gs) ||
			 !(regs.eflags & X86_EFLAGS_IF) ||
			 (regs.eflags & (X86_EFLAGS_IOPL | X86_EFLAGS_VM))))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size);

/*
 * The input: the data selectors, then records of 13 bytes, an operation
 * and three words: check a descriptor; set a GDT entry; load TLS from
 * memory (two of the words are written there first); set an IDT gate; set the
 * trap stack; or enter the Guest with a %cs, %ss, %eip and %eflags.
 */
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	u16 data[4];

	if (size < sizeof(data))
		return 0;
	memcpy(data, in, sizeof(data));
	in += sizeof(data);
	size -= sizeof(data);
	if (!ram)
		ram = malloc(MEM);
	memset(ram, 0, MEM);
	memset(&lg, 0, sizeof(lg));
	lg.mem = ram;
	lg.mem_size = MEM;
	lg.regs = &regs;
	setup_guest_gdt(&lg);
	regs = (struct lguest_regs){
		.cs = LGUEST_KERNEL_CS, .ss = LGUEST_KERNEL_DS, .eflags = X86_EFLAGS_IF,
		.ds = data[0], .es = data[1], .fs = data[2], .gs = data[3],
	};
	for (; size >= 13 && lg.end == GUEST_RUNNING; in += 13, size -= 13) {
		u32 w[3];

		memcpy(w, in + 1, sizeof(w));
		switch (in[0] % 6) {
		case 0:
			one_descriptor(((u64)w[1] << 32) | w[0]);
			break;
		case 1:
			load_guest_gdt_entry(&lg, w[2] % 20, w[0], w[1]);
			break;
		case 2: {
			u32 at = w[2] % (MEM + 32);

			if (at + 8 <= MEM)
				memcpy(ram + at, w, 8);
			guest_load_tls(&lg, at);
			break;
		}
		case 3:
			load_guest_idt_entry(&lg, w[2] % 260, w[0], w[1]);
			break;
		case 4:
			guest_set_stack(&lg, w[0] & 0xFFFF, w[1], w[2] % 4);
			break;
		case 5:
			/* The CPU never saves a null %cs (none can be loaded):
			 * the Host's "checked" mark uses 0 for "none". */
			if (!(w[0] & 0xFFFC))
				break;
			regs.cs = w[0] & 0xFFFF;
			regs.ss = w[0] >> 16;
			regs.eip = w[1];
			/* The CPU saves a Guest's flags with IF on: ring 1
			 * cannot turn it off. */
			regs.eflags = w[2] | X86_EFLAGS_IF;
			one_entry();
			break;
		}
		if (lg.end == GUEST_RUNNING)
			check_tables();
	}
	return 0;
}
