/*
 * libFuzzer target for the hypercalls' argument checks: the Host's own
 * hypercalls.c, segments.c, trap_setup.c and guest_memory.c over a 64 KiB
 * Guest whose every byte, lguest_data (where it is, its no-interrupt
 * range, its async ring) and every call the input decides.  The calls that
 * reach hardware (page tables, the FPU, the clock, devices) are stubs that
 * check they were handed memory inside the Guest's.
 *
 * After each trip through do_hypercalls() what the checks promise must
 * hold: a kill has a message, a power-off a status of at most 255; no more
 * than one ring's worth of calls ran; the Host's GDT entries and IDT
 * vectors are untouched and every Guest entry and gate is one it may have;
 * a trap stack lies below the Switcher; a halt is never inside the
 * no-interrupt range.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <lguest/exit_status.h>
#include "../../host/core/lg.h"
#include "../../host/machine/desc.h"

#define MEM 65536u
#define TRAPNUM_NONE 255

static struct lguest lg;
static struct lguest_regs regs;

/* The calls made elsewhere: a console write must be inside the Guest. */
void guest_console_write(struct lguest *l, const char *buf, u32 len)
{
	if (len > LGUEST_CONSOLE_WRITE_MAX || (const u8 *)buf < l->mem ||
	    (const u8 *)buf + len > l->mem + l->mem_size)
		abort();
	if (len)	/* both ends, for ASan */
		(void)*(volatile const char *)buf, (void)*(volatile const char *)(buf + len - 1);
}
void guest_set_ts(struct lguest *l, u32 on) { (void)l; (void)on; }
void guest_new_pagetable(struct lguest *l, u32 g) { (void)l; (void)g; }
void guest_flush_tlb(struct lguest *l, u32 a) { (void)l; (void)a; }
void guest_set_clockevent(struct lguest *l, u32 ns) { (void)l; (void)ns; }
void guest_set_pte(struct lguest *l, u32 p, u32 v, u32 pte) { (void)l; (void)p; (void)v; (void)pte; }
void guest_set_pgd(struct lguest *l, u32 p, u32 i) { (void)l; (void)p; (void)i; }
void launcher_notify(struct lguest *l, u32 addr, u32 queue) { (void)l; (void)addr; (void)queue; }
u32 tsc_khz = 1000000;
u64 wallclock_sec, wallclock_tsc;

static u32 hi_word(u64 d) { return (u32)(d >> 32); }

/* What every GDT entry and IDT gate the Guest set must be. */
static void check_tables(void)
{
	for (unsigned i = 0; i <= GDT_ENTRY_HOST_LAST; i++)
		if (lg.gdt[i])
			abort();
	for (unsigned i = GDT_ENTRY_HOST_LAST + 1; i < GDT_ENTRIES; i++) {
		u32 hi = hi_word(lg.gdt[i]);

		/* Code or data, privilege 1 or more, already accessed. */
		if (lg.gdt[i] && (!(hi & 0x1000) || !(hi & 0x6000) || !(hi & 0x100)))
			abort();
	}
	if (lg.idt[2] || lg.idt[8] || lg.idt[LGUEST_FLOOR_VECTOR] || lg.idt[LGUEST_TRAP_ENTRY])
		abort();
	for (unsigned v = 0; v < 256; v++) {
		u64 g = lg.idt[v];

		if (g && (!gate_present(g) || gate_selector(g) != LGUEST_KERNEL_CS ||
			  (gate_type(g) != GATE_INTERRUPT && gate_type(g) != GATE_TRAP)))
			abort();
	}
	if (lg.ss1 && (lg.ss1 != LGUEST_KERNEL_DS || lg.esp1 < PAGE_SIZE ||
		       lg.esp1 > SWITCHER_ADDR))
		abort();
}

static void check_after(u64 calls_before, int sync)
{
	const u8 *data = (const u8 *)lg.lguest_data;

	if (lg.hypercalls - calls_before > LHCALL_RING_SIZE + 1u || lg.next_hcall >= LHCALL_RING_SIZE)
		abort();
	if (data && (data < lg.mem || data + sizeof(struct lguest_data) > lg.mem + MEM ||
		     (data - lg.mem) % 4 || lg.noirq_start > lg.noirq_end ||
		     lg.noirq_end - lg.noirq_start > LGUEST_NOIRQ_MAX))
		abort();
	if (lg.halted && regs.eip >= lg.noirq_start && regs.eip < lg.noirq_end)
		abort();
	switch (lg.end) {
	case GUEST_RUNNING:
		if (sync && regs.trapnum != TRAPNUM_NONE)
			abort();
		break;
	case GUEST_KILLED:
	case GUEST_CRASHED:
		if (!memchr(lg.message, 0, sizeof(lg.message)) ||
		    (lg.end == GUEST_KILLED && !lg.message[0]))
			abort();
		break;
	case GUEST_POWEROFF:
		if (lg.exit_status > LGUEST_STATUS_MAX)
			abort();
		break;
	case GUEST_RESTART:
		break;
	}
	check_tables();
}

/* One trip: a hypercall (or another trap) with these registers. */
static void trip(u32 trapnum, const u32 *a, u32 eip)
{
	u64 before = lg.hypercalls;

	lg.halted = 0;	/* a halted Guest makes no call until woken */
	regs = (struct lguest_regs){ .eax = a[0], .ebx = a[1], .ecx = a[2], .edx = a[3],
				     .esi = a[4], .eip = eip, .trapnum = trapnum,
				     .cs = LGUEST_KERNEL_CS, .ss = LGUEST_KERNEL_DS };
	do_hypercalls(&lg);
	check_after(before, trapnum == LGUEST_TRAP_ENTRY);
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size);

/*
 * The input: the gpa of lguest_data and the no-interrupt range, then
 * records of 25 bytes: a kind byte and five words (call and arguments, or
 * the registers), then %eip.  Kind bit 0: the five words go into async
 * slot kind >> 2, marked ready; else a trip into the Host, a hypercall
 * unless kind bit 1 says another trap (the ring runs either way).
 */
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	u32 head[3], init[5] = { LHCALL_LGUEST_INIT };
	struct lguest_data *data;

	if (size < sizeof(head))
		return 0;
	memcpy(head, in, sizeof(head));
	in += sizeof(head);
	size -= sizeof(head);
	memset(&lg, 0, sizeof(lg));
	lg.mem = calloc(1, MEM);	/* exact: ASan sees a byte past it */
	lg.mem_size = MEM;
	lg.regs = &regs;
	setup_guest_gdt(&lg);
	/* Where lguest_data is, and its range, as the Guest wrote them. */
	init[1] = head[0] % (MEM + 64);
	if (init[1] <= MEM - sizeof(*data)) {
		memcpy(lg.mem + init[1] + offsetof(struct lguest_data, noirq_start), &head[1], 4);
		memcpy(lg.mem + init[1] + offsetof(struct lguest_data, noirq_end), &head[2], 4);
	}
	trip(LGUEST_TRAP_ENTRY, init, 0);
	while (size >= 25 && lg.end == GUEST_RUNNING) {
		u8 kind = in[0];
		u32 w[6];

		memcpy(w, in + 1, sizeof(w) - 4);
		memcpy(&w[5], in + 21, 4);
		in += 25;
		size -= 25;
		if ((kind & 1) && lg.lguest_data) {
			unsigned slot = (kind >> 2) % LHCALL_RING_SIZE;

			data = lg.lguest_data;
			data->hcalls[slot] = (struct hcall_args){ w[0], w[1], w[2], w[3], w[4] };
			data->hcall_status[slot] = LHCALL_SLOT_READY;
		} else {
			trip(kind & 2 ? 14 : LGUEST_TRAP_ENTRY, w, w[5]);
		}
	}
	free(lg.mem);
	return 0;
}
