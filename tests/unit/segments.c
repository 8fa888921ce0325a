/*
 * host/core/segments.c: what a Guest may put in its GDT, and the selectors
 * it may be resumed with.  Each refusal is checked by the message it kills
 * with; each acceptance by what ends up in the GDT or the registers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "../../host/core/lg.h"
#include "../../host/machine/desc.h"

static struct lguest lg;
static struct lguest_regs regs;
static u8 ram[8192];

/* A fresh Guest as the launcher boots it. */
static void reset(void)
{
	memset(&lg, 0, sizeof(lg));
	lg.mem = ram;
	lg.mem_size = sizeof(ram);
	lg.regs = &regs;
	setup_guest_gdt(&lg);
	regs = (struct lguest_regs){
		.cs = LGUEST_KERNEL_CS, .ss = LGUEST_KERNEL_DS,
		.ds = LGUEST_KERNEL_DS, .es = LGUEST_KERNEL_DS,
		.eip = 0xC0100000, .eflags = X86_EFLAGS_IF | 2,
	};
}

static int killed(const char *what)
{
	return lg.end == GUEST_KILLED && strstr(lg.message, what);
}

static u64 seg(u32 base, u32 limit, u8 access) { return make_segment(base, limit, access, 1); }
static u32 hi(u64 d) { return (u32)(d >> 32); }

static void test_descriptors(void)
{
	u64 d;

	d = 0;
	CHECK(!check_guest_descriptor(&d) && d == 0, "an empty entry is allowed and stays empty");
	d = seg(0, 0xFFFFF, 0x9A);
	CHECK(!check_guest_descriptor(&d) && ((hi(d) >> 13) & 3) == GUEST_PL,
	      "DPL 0 code is raised to GUEST_PL");
	CHECK(hi(d) & 0x100, "the accessed bit is set");
	d = seg(0, 0xFFFFF, 0xF2);
	CHECK(!check_guest_descriptor(&d) && ((hi(d) >> 13) & 3) == 3 && (hi(d) & 0x100),
	      "DPL 3 data keeps its privilege and is marked accessed");
	d = seg(0x1000, 0xF, 0x52);
	CHECK(!check_guest_descriptor(&d), "a data segment that is not present is allowed");
	d = seg(0xFFC00000, 0x3FF, 0xB2);
	CHECK(!check_guest_descriptor(&d), "a segment over the Switcher is allowed (paging guards it)");
	static const u8 system[] = { 0x89, 0x8B, 0x82, 0x8C, 0x85, 0x8E, 0x8F, 0xAC, 0x09 };
	for (unsigned i = 0; i < sizeof(system); i++) {
		d = seg(0, 0xFFFFF, system[i]);
		CHECK(check_guest_descriptor(&d) != NULL, "system type 0x%02x is refused", system[i]);
	}
}

static void test_load_gdt_entry(void)
{
	u64 d = seg(0, 0xFFFFF, 0xF2);

	for (u32 i = 0; i <= GDT_ENTRY_HOST_LAST; i++) {
		reset();
		load_guest_gdt_entry(&lg, i, (u32)d, hi(d));
		CHECK(killed("LHCALL_LOAD_GDT_ENTRY: entry") && killed("not the Guest's"),
		      "Host entry %u is refused", i);
	}
	reset();
	load_guest_gdt_entry(&lg, GDT_ENTRIES, (u32)d, hi(d));
	CHECK(killed("entry 16 is not"), "entry GDT_ENTRIES is refused");
	reset();
	load_guest_gdt_entry(&lg, 0xFFFFFFFF, (u32)d, hi(d));
	CHECK(killed("entry 4294967295"), "entry 0xFFFFFFFF is refused");
	reset();
	d = seg(0, 0x67, 0x89);
	load_guest_gdt_entry(&lg, 12, (u32)d, hi(d));
	CHECK(killed("entry 12") && killed("system descriptor"), "a TSS is refused");
	CHECK(lg.gdt[12] == 0, "and not stored");
	reset();
	d = seg(0x1234, 0xFFFFF, 0x92);
	load_guest_gdt_entry(&lg, 12, (u32)d, hi(d));
	CHECK(lg.end == GUEST_RUNNING && (lg.changed & CHANGED_GDT), "a data segment is taken");
	CHECK(hi(lg.gdt[12]) == (hi(d) | 0x100 | (GUEST_PL << 13)), "fixed up as it is stored");
	CHECK(guest_segment_base(&lg, 12 * 8 + 1) == 0x1234, "its base is 0x1234");
}

static void test_load_tls(void)
{
	u64 tls[3] = { seg(0x100, 0xFFFFF, 0xF2), 0, seg(0x200, 0xFFFFF, 0x92) };

	reset();
	memcpy(ram + 100, tls, sizeof(tls));
	guest_load_tls(&lg, 100);
	CHECK(lg.end == GUEST_RUNNING, "three good TLS entries (one empty) are taken");
	CHECK(guest_segment_base(&lg, GDT_ENTRY_TLS_MIN * 8 + 3) == 0x100 &&
	      lg.gdt[GDT_ENTRY_TLS_MIN + 1] == 0 &&
	      guest_segment_base(&lg, GDT_ENTRY_TLS_MAX * 8 + 3) == 0x200,
	      "at GDT_ENTRY_TLS_MIN..MAX");
	CHECK(lg.gdt[GDT_ENTRY_TLS_MAX + 1] == 0 && lg.gdt[GDT_ENTRY_TLS_MIN - 1] != 0,
	      "and nowhere else");

	reset();
	guest_load_tls(&lg, sizeof(ram) - 16);
	CHECK(killed("LHCALL_LOAD_TLS: 24 bytes at 0x1ff0 are outside"), "a TLS block straddling the end");
	reset();
	guest_load_tls(&lg, 0xFFFFFFF8);
	CHECK(killed("LHCALL_LOAD_TLS"), "a TLS block that wraps");

	reset();
	tls[1] = seg(0, 0xFFFFF, 0x8C) | 0;	/* a call gate */
	memcpy(ram + 100, tls, sizeof(tls));
	guest_load_tls(&lg, 100);
	CHECK(killed("TLS entry 1") && killed("system descriptor"), "a call gate among the TLS entries");
	CHECK(lg.gdt[GDT_ENTRY_TLS_MIN] == 0, "leaves none of them loaded");
}

static void test_selectors(void)
{
	u64 d;

	reset();
	CHECK(guest_segments_usable(&lg), "the boot selectors are usable");
	regs.eflags = 0x3002 | 0x20000;
	CHECK(guest_segments_usable(&lg) && regs.eflags == (X86_EFLAGS_IF | 2),
	      "IF forced on, IOPL and VM forced off");

	struct { u32 cs, ss; const char *why; } bad[] = {
		{ LGUEST_CS, LGUEST_DS, "ring other than 1 or 3" },
		{ GDT_ENTRY_KERNEL_CS * 8, LGUEST_KERNEL_DS, "ring other than 1 or 3" },
		{ GDT_ENTRY_KERNEL_CS * 8 + 2, LGUEST_KERNEL_DS, "ring other than 1 or 3" },
		{ LGUEST_CS | 1, LGUEST_KERNEL_DS, "%cs names no GDT entry" },
		{ LGUEST_KERNEL_CS | 4, LGUEST_KERNEL_DS, "%cs names no GDT entry" },
		{ (16 * 8) | 1, LGUEST_KERNEL_DS, "%cs names no GDT entry" },
		{ LGUEST_KERNEL_DS, LGUEST_KERNEL_DS, "not code" },
		{ USER_CS & ~2u, LGUEST_KERNEL_DS, "privilege does not match" },
		{ LGUEST_KERNEL_CS | 2, LGUEST_KERNEL_DS, "privilege does not match" },
		{ LGUEST_KERNEL_CS, USER_DS, "%ss's RPL is not %cs's" },
		{ LGUEST_KERNEL_CS, LGUEST_KERNEL_CS, "not writable data" },
		{ USER_CS, USER_DS & ~2u, "%ss's RPL" },
		{ USER_CS, (GDT_ENTRY_KERNEL_DS * 8) | 3, "%ss's privilege" },
		{ LGUEST_KERNEL_CS, 0x1, "%ss names no GDT entry" },
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		reset();
		regs.cs = bad[i].cs;
		regs.ss = bad[i].ss;
		CHECK(!guest_segments_usable(&lg) && killed(bad[i].why) &&
		      killed("cannot resume it"), "%%cs 0x%x %%ss 0x%x: %s",
		      bad[i].cs, bad[i].ss, bad[i].why);
	}
	reset();
	regs.cs = USER_CS;
	regs.ss = USER_DS;
	regs.ds = regs.es = USER_DS;
	CHECK(guest_segments_usable(&lg) && regs.ds == USER_DS, "ring 3's selectors are usable");

	/* The GDT changes under live selectors: the check runs again. */
	reset();
	CHECK(guest_segments_usable(&lg), "usable before the change");
	d = seg(0, 0xFFFFF, 0x3A);	/* not present */
	load_guest_gdt_entry(&lg, GDT_ENTRY_KERNEL_CS, (u32)d, hi(d));
	CHECK(!guest_segments_usable(&lg) && killed("%cs names a segment that is not present"),
	      "its %%cs made not present: killed on the next entry");
	reset();
	CHECK(guest_segments_usable(&lg), "usable before the change");
	d = seg(0, 0xFFFFF, 0x3A | 0x80);	/* code where the stack was */
	load_guest_gdt_entry(&lg, GDT_ENTRY_KERNEL_DS, (u32)d, hi(d));
	CHECK(!guest_segments_usable(&lg) && killed("%ss names a segment that is not writable data"),
	      "its %%ss made code: killed");
	reset();
	d = seg(0, 0xFFFFF, 0x98);	/* execute-only ring 0 code, raised to 1 */
	load_guest_gdt_entry(&lg, 12, (u32)d, hi(d));
	regs.ss = LGUEST_KERNEL_DS;
	regs.cs = 12 * 8 + 1;
	regs.ds = 12 * 8 + 1;
	CHECK(guest_segments_usable(&lg) && lg.end == GUEST_RUNNING, "an execute-only %%cs is fine");
	CHECK(regs.ds == 0, "but as %%ds it is nulled");

	reset();
	d = make_segment(0, 0xFFF, 0xBA, 0);	/* 4 KiB of code */
	load_guest_gdt_entry(&lg, 12, (u32)d, hi(d));
	regs.cs = 12 * 8 + 1;
	regs.eip = 0xFFF;
	CHECK(guest_segments_usable(&lg), "%%eip at the last byte of %%cs");
	regs.eip = 0x1000;
	CHECK(!guest_segments_usable(&lg) && killed("%eip is past the end"), "%%eip past %%cs's limit");

	/* Data selectors that no longer work are nulled, the rest kept. */
	reset();
	d = seg(0x5000, 0xFFFFF, 0xF2);
	load_guest_gdt_entry(&lg, GDT_ENTRY_TLS_MIN, (u32)d, hi(d));
	regs.gs = GDT_ENTRY_TLS_MIN * 8 + 3;
	regs.fs = USER_DS;
	CHECK(guest_segments_usable(&lg) && regs.gs == GDT_ENTRY_TLS_MIN * 8 + 3 && regs.fs == USER_DS,
	      "a TLS %%gs and a user %%fs are kept");
	load_guest_gdt_entry(&lg, GDT_ENTRY_TLS_MIN, 0, 0);
	CHECK(guest_segments_usable(&lg) && regs.gs == 0 && regs.fs == USER_DS && lg.end == GUEST_RUNNING,
	      "%%gs is nulled when its TLS entry is emptied; the Guest lives");
	struct { u32 sel; const char *what; } nulled[] = {
		{ LGUEST_DS, "a Host entry" },
		{ LGUEST_TSS_SEL, "the TSS" },
		{ LGUEST_KERNEL_DS | 4, "the LDT" },
		{ 16 * 8 + 3, "past the GDT" },
		{ (GDT_ENTRY_KERNEL_DS * 8) | 3, "RPL 3 on a DPL 1 segment" },
		{ GDT_ENTRY_TLS_MAX * 8 + 3, "an empty entry" },
	};
	for (unsigned i = 0; i < sizeof(nulled) / sizeof(nulled[0]); i++) {
		reset();
		regs.es = nulled[i].sel;
		regs.ds = 3;	/* a null selector with RPL 3 is fine */
		CHECK(guest_segments_usable(&lg) && regs.es == 0 && regs.ds == 3,
		      "%%es naming %s is nulled", nulled[i].what);
	}
}

int main(void)
{
	test_descriptors();
	test_load_gdt_entry();
	test_load_tls();
	test_selectors();
	return check_done();
}
