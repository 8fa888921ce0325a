/*
 * Segments: the Guest's GDT, and the selectors it is resumed with.
 *
 * The Guest runs with a GDT the Host keeps in the Switcher's state page.
 * Its first entries are the Host's (the Switcher runs on them); the rest
 * hold the Guest's own segments, which start out flat and which the Guest
 * may change one at a time (LHCALL_LOAD_GDT_ENTRY) or three TLS entries at
 * once (LHCALL_LOAD_TLS, on every context switch).  Each entry is checked
 * as it arrives, and each selector the Guest is resumed with is checked
 * before the Switcher loads it at ring 0 (guest_segments_usable()).
 */
#include "../machine/desc.h"
#include "lg.h"

#define DESC_CODE_RING1	0xBB	/* present, DPL 1, code, readable, accessed */
#define DESC_DATA_RING1	0xB3	/* present, DPL 1, data, writable, accessed */
#define DESC_CODE_RING3	0xFB
#define DESC_DATA_RING3	0xF3
#define DESC_CODE_HOST	0x9B	/* the Host's, accessed for the same reason */
#define DESC_DATA_HOST	0x93

/* The bits of a descriptor's high word that matter here. */
#define SEG_ACCESSED	0x00000100u	/* type bit 0 */
#define SEG_WRITABLE	0x00000200u	/* data: writable; code: readable */
#define SEG_CONFORMING	0x00000400u	/* code only */
#define SEG_CODE	0x00000800u
#define SEG_S		0x00001000u	/* 1: code or data; 0: system */
#define SEG_DPL_SHIFT	13
#define SEG_DPL		0x00006000u
#define SEG_PRESENT	0x00008000u
#define SEG_DEFAULT32	0x00400000u	/* D/B: 32-bit code or stack */
#define SEG_GRANULAR	0x00800000u

static u32 desc_hi(u64 d) { return (u32)(d >> 32); }
static u32 desc_dpl(u64 d) { return (desc_hi(d) & SEG_DPL) >> SEG_DPL_SHIFT; }

/* The highest offset a segment allows (expand-up), in bytes. */
static u32 desc_limit(u64 d)
{
	u32 limit = ((u32)d & 0xFFFF) | (desc_hi(d) & 0x000F0000);

	return desc_hi(d) & SEG_GRANULAR ? (limit << 12) | 0xFFF : limit;
}

static u32 desc_base(u64 d)
{
	return ((u32)d >> 16) | ((desc_hi(d) & 0xFF) << 16) |
	       (desc_hi(d) & 0xFF000000);
}

void setup_guest_gdt(struct lguest *lg)
{
	for (unsigned i = 0; i < GDT_ENTRIES; i++)
		lg->gdt[i] = 0;
	lg->gdt[GDT_ENTRY_KERNEL_CS] = make_segment(0, 0xFFFFF, DESC_CODE_RING1, 1);
	lg->gdt[GDT_ENTRY_KERNEL_DS] = make_segment(0, 0xFFFFF, DESC_DATA_RING1, 1);
	lg->gdt[GDT_ENTRY_USER_CS] = make_segment(0, 0xFFFFF, DESC_CODE_RING3, 1);
	lg->gdt[GDT_ENTRY_USER_DS] = make_segment(0, 0xFFFFF, DESC_DATA_RING3, 1);
	lg->gdt_dirty = ~0u;
	entry_check_again(lg);
	lg->seg_check.check_data = 1;
}

/* The Guest's entries that changed, before the next entry. */
void copy_gdt_to_state(struct lguest *lg, struct lguest_ro_state *state)
{
	for (unsigned i = GDT_ENTRY_HOST_LAST + 1; i < GDT_ENTRIES; i++)
		if (lg->gdt_dirty & (1u << i))
			state->guest_gdt[i] = lg->gdt[i];
	lg->gdt_dirty = 0;
}

/* The Host's entries in the Guest's GDT never change: written once. */
void setup_host_gdt_entries(struct lguest_ro_state *state)
{
	state->guest_gdt[0] = 0;
	state->guest_gdt[GDT_ENTRY_LGUEST_CS] = make_segment(0, 0xFFFFF, DESC_CODE_HOST, 1);
	state->guest_gdt[GDT_ENTRY_LGUEST_DS] = make_segment(0, 0xFFFFF, DESC_DATA_HOST, 1);
	state->guest_gdt[GDT_ENTRY_TSS] =
		make_segment((u32)(uintptr_t)&state->guest_tss,
			     sizeof(state->guest_tss) - 1, DESC_TSS32, 0);
}

/*
 * What the Guest may put in its GDT: nothing (all zeroes: an empty slot),
 * or a code or data segment.  Never a system descriptor: a call gate or a
 * task gate of privilege 1 would be a door the Guest opened for itself
 * into whatever code segment it named, the Host's ring 0 among them; a TSS
 * or LDT would hand it the CPU's task machinery.
 *
 * Two fix-ups, as the original made them.  A descriptor of privilege 0 is
 * the one a native kernel writes for itself: the Guest kernel is the same
 * binary, so we raise it to GUEST_PL rather than make every caller know
 * (ring 0 code only ever runs on the Host's own entries, so nothing is lost).
 * And the accessed bit goes on: the CPU sets it the first time a segment is
 * loaded, by writing to the GDT, which is read-only under the Guest's page
 * tables, so that write would fault at the worst moment.
 *
 * Base and limit are the Guest's business.  A segment that reaches the
 * Switcher at 0xFFC00000 (every flat one does) gains nothing: the
 * Switcher's pages are protected by paging, which binds ring 1 as well
 * since CR0.WP is on, so its code and state pages are read-only and its
 * register page holds only the Guest's own registers.  Cutting segments
 * short, as very early lguest did, would cost every Guest its flat
 * segments for no protection paging does not already give.
 *
 * Returns NULL with *d fixed up, or what is wrong with it.
 */
const char *check_guest_descriptor(u64 *d)
{
	u32 hi = desc_hi(*d);

	if (*d == 0)
		return NULL;
	if (!(hi & SEG_S))
		return "a system descriptor (only code and data segments are allowed)";
	if (!(hi & SEG_DPL))
		hi |= GUEST_PL << SEG_DPL_SHIFT;
	hi |= SEG_ACCESSED;
	*d = ((u64)hi << 32) | (u32)*d;
	return NULL;
}

static int data_selector_ok(const struct lguest *lg, u32 sel);

/* A selector's GDT index as a bit, for comparing with a mask of entries. */
static u32 entry_bit(u32 sel)
{
	u32 index = (sel & 0xFFFF) >> 3;

	return index < GDT_ENTRIES ? 1u << index : 0;
}

/*
 * Entries first..first+n-1 changed.  The checks before entry (see
 * recheck_guest_segments() below) trust the %cs and %ss last found good:
 * if either's entry is among these, they are forgotten.  The data
 * selectors the Guest holds now that name one of these entries are checked
 * now, and nulled if they no longer work (the same comment says why nulled,
 * not killed); from here on the CPU itself checks each one the Guest loads
 * against the new entries.
 */
static void gdt_changed(struct lguest *lg, unsigned first, unsigned n)
{
	struct lguest_regs *r = lg->regs;
	struct seg_check *c = &lg->seg_check;
	u32 mask = ((1u << n) - 1) << first;
	u32 *data[4] = { &r->ds, &r->es, &r->fs, &r->gs };

	lg->changed |= CHANGED_GDT;
	lg->gdt_dirty |= mask;
	if (mask & (entry_bit(c->cs) | entry_bit(c->ss)))
		entry_check_again(lg);
	for (unsigned i = 0; i < 4; i++)
		if ((mask & entry_bit(*data[i])) && !data_selector_ok(lg, *data[i]))
			*data[i] = 0;
}

void load_guest_gdt_entry(struct lguest *lg, u32 index, u32 lo, u32 hi)
{
	u64 d = ((u64)hi << 32) | lo;
	const char *why;

	if (index <= GDT_ENTRY_HOST_LAST || index >= GDT_ENTRIES) {
		kill_guest(lg, "LHCALL_LOAD_GDT_ENTRY: entry %u is not the Guest's "
			   "to set (it owns %u to %u)", index,
			   GDT_ENTRY_HOST_LAST + 1, GDT_ENTRIES - 1);
		return;
	}
	why = check_guest_descriptor(&d);
	if (why) {
		kill_guest(lg, "LHCALL_LOAD_GDT_ENTRY: entry %u (0x%08x %08x) is %s",
			   index, hi, lo, why);
		return;
	}
	lg->gdt[index] = d;
	gdt_changed(lg, index, 1);
}

/* The three TLS entries, from Guest memory.  All three are checked before
 * any is used, so a bad one leaves none half-loaded. */
void guest_load_tls(struct lguest *lg, u32 gpa)
{
	/* The Guest's block need not be aligned: copy it as bytes. */
	struct tls_block { u64 d[GDT_ENTRY_TLS_ENTRIES]; } __attribute__((packed));
	const struct tls_block *src = guest_ptr(lg, gpa, sizeof(*src));
	u64 tls[GDT_ENTRY_TLS_ENTRIES];

	if (!src) {
		kill_guest(lg, "LHCALL_LOAD_TLS: %u bytes at 0x%x are outside its "
			   "memory", (unsigned)sizeof(*src), gpa);
		return;
	}
	for (unsigned i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++) {
		const char *why;

		tls[i] = src->d[i];
		why = check_guest_descriptor(&tls[i]);
		if (why) {
			kill_guest(lg, "LHCALL_LOAD_TLS: TLS entry %u (0x%08x %08x) is %s",
				   i, desc_hi(tls[i]), (u32)tls[i], why);
			return;
		}
	}
	for (unsigned i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		lg->gdt[GDT_ENTRY_TLS_MIN + i] = tls[i];
	gdt_changed(lg, GDT_ENTRY_TLS_MIN, GDT_ENTRY_TLS_ENTRIES);
}

/* The Guest's own GDT entry a selector names, or NULL if it names none
 * (the LDT, which the Guest does not have, a Host entry, or past the end). */
static const u64 *guest_desc(const struct lguest *lg, u32 sel)
{
	u32 index = (sel & 0xFFFF) >> 3;

	if (sel & 4 || index <= GDT_ENTRY_HOST_LAST || index >= GDT_ENTRIES)
		return NULL;
	return &lg->gdt[index];
}

u32 guest_segment_base(const struct lguest *lg, u32 sel)
{
	const u64 *d = guest_desc(lg, sel);

	return d ? desc_base(*d) : 0;
}

int guest_segment_16bit(const struct lguest *lg, u32 sel)
{
	const u64 *d = guest_desc(lg, sel);

	return d && !(desc_hi(*d) & SEG_DEFAULT32);
}

/*
 * A data selector the Switcher can "pop" at ring 0: null, or a present
 * data or readable code segment of the Guest's whose privilege admits the
 * selector's RPL.  (The CPU then quietly nulls any the ring it returns to
 * may not hold; that is its rule, not ours to check.)
 */
static int data_selector_ok(const struct lguest *lg, u32 sel)
{
	const u64 *d;
	u32 hi;

	if ((sel & 0xFFFC) == 0)
		return 1;
	d = guest_desc(lg, sel);
	if (!d)
		return 0;
	hi = desc_hi(*d);
	if (!(hi & SEG_S) || !(hi & SEG_PRESENT))
		return 0;
	if ((hi & SEG_CODE) && !(hi & SEG_WRITABLE))
		return 0;	/* execute-only code */
	if (!((hi & SEG_CODE) && (hi & SEG_CONFORMING)) && (sel & 3) > desc_dpl(*d))
		return 0;
	return 1;
}

/* What the Switcher's "iret" demands of %cs and %ss when it returns to an
 * outer ring: NULL if they pass, else what fails.  *limit gets %cs's. */
static const char *cs_ss_problem(const struct lguest *lg, u32 cs, u32 ss, u32 *limit)
{
	const u64 *c = guest_desc(lg, cs), *s = guest_desc(lg, ss);
	u32 rpl = cs & 3, chi, shi;

	if (rpl != GUEST_PL && rpl != 3)
		return "%cs asks for a ring other than 1 or 3";
	if (!c)
		return "%cs names no GDT entry of the Guest's";
	chi = desc_hi(*c);
	if ((chi & (SEG_S | SEG_CODE)) != (SEG_S | SEG_CODE))
		return "%cs names a segment that is not code";
	if (chi & SEG_CONFORMING ? desc_dpl(*c) > rpl : desc_dpl(*c) != rpl)
		return "%cs's privilege does not match its segment's";
	if (!(chi & SEG_PRESENT))
		return "%cs names a segment that is not present";
	if ((ss & 3) != rpl)
		return "%ss's RPL is not %cs's";
	if (!s)
		return "%ss names no GDT entry of the Guest's";
	shi = desc_hi(*s);
	if ((shi & (SEG_S | SEG_CODE | SEG_WRITABLE)) != (SEG_S | SEG_WRITABLE))
		return "%ss names a segment that is not writable data";
	if (desc_dpl(*s) != rpl)
		return "%ss's privilege does not match its segment's";
	if (!(shi & SEG_PRESENT))
		return "%ss names a segment that is not present";
	*limit = desc_limit(*c);
	return NULL;
}

/*
 * Before every entry into the Guest: can the Switcher load what it is
 * about to load?  It pops %gs, %fs, %ds and %es and "iret"s to %cs:%eip
 * and %ss:%esp while still at ring 0, on the Guest's GDT.  If any of those
 * faults, the fault is taken at ring 0, inside the Switcher, halfway
 * through the Guest's saved registers: the Host would come back to a
 * garbled register page, and could loop on it for ever.  So nothing
 * reaches the Switcher that the CPU would refuse.
 *
 * Where can a bad selector come from?  The Guest cannot write the saved
 * registers that count (every trap rewrites them), but it can change the
 * GDT entry a live selector names, and the Host writes %cs and %ss itself
 * when it delivers a trap.  A data selector that no longer works is
 * nulled, as the CPU itself nulls those an outer ring may not keep: on
 * hardware a segment register keeps its cached descriptor until it is
 * reloaded, so a Guest that changed a TLS entry under a live %gs and
 * reloads %gs before it uses it has done nothing wrong, and must not be
 * killed for the Host's habit of reloading everything.  %cs and %ss have
 * no null to fall back to: the Guest dies, with the reason.
 *
 * The flags go in checked too: interrupts on (the Host's timer must be
 * able to take the CPU back), I/O privilege 0 (else the Guest would own
 * the ports) and no virtual-8086 mode (an "iret" at ring 0 would enter it).
 *
 * Every entry passes here, so the common case is inline in lg.h
 * (entry_unchanged()): %cs and %ss as last found good, and %eip within
 * that %cs.  %cs and %ss are checked again whenever they change,
 * since the Host writes them when it delivers a trap, or their entries do;
 * %eip always: a trap taken just after the last instruction of a short
 * code segment saves an %eip the "iret" refuses.  The data selectors are
 * checked here only once, after boot; after that, at each GDT change
 * (gdt_changed()) for those that name a changed entry.  In between every
 * value they can hold was loaded by the CPU itself, which checked it
 * against this same GDT more strictly than the Switcher's "pop" at ring 0
 * will (it held the Guest to its own ring, not ring 0).
 */
int recheck_guest_segments(struct lguest *lg)
{
	struct lguest_regs *r = lg->regs;
	struct seg_check *c = &lg->seg_check;
	u32 *data[4] = { &r->ds, &r->es, &r->fs, &r->gs };
	u32 limit = 0;
	const char *why;

	entry_check_again(lg);	/* no match until all is checked */
	r->eflags = (r->eflags | X86_EFLAGS_IF) & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM);
	why = cs_ss_problem(lg, r->cs, r->ss, &limit);
	if (!why && r->eip > limit)
		why = "%eip is past the end of its code segment";
	if (why) {
		kill_guest(lg, "cannot resume it at %%cs:%%eip 0x%x:0x%x, %%ss 0x%x: %s",
			   r->cs & 0xFFFF, r->eip, r->ss & 0xFFFF, why);
		return 0;
	}
	if (c->check_data) {
		for (unsigned i = 0; i < 4; i++)
			if (!data_selector_ok(lg, *data[i]))
				*data[i] = 0;
		c->check_data = 0;
	}
	c->cs = r->cs;
	c->ss = r->ss;
	c->cs_limit = limit;
	return 1;
}
