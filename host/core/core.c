/*
 * The heart of the Host: the Switcher put in place, and run_guest(), the
 * loop that runs a Guest until it stops.
 */
#include <stdarg.h>
#include "../machine/console.h"
#include "../machine/cpu.h"
#include "../machine/memory.h"
#include "../machine/paging.h"
#include "lg.h"

extern char switcher_phys[], switcher_text_start[], switcher_code_end[];
void switch_to_guest(void);

/* This CPU's register and state pages, at their Switcher address. */
static struct lguest_pages *const pages = (void *)SWITCHER_PAGES_ADDR;

/* The Guest whose registers, GDT, IDT, stack and FPU registers this CPU
 * holds (the seeds' last_pages): running it again copies none of them. */
static struct lguest *last_guest;

/*
 * The Switcher goes in at 0xFFC00000: its code pages where the linker
 * placed them, then a fresh register page and state page.  The Host maps
 * all of it writable; each Guest gets its own view (page_tables.c).
 */
void lguest_core_init(void)
{
	u32 *pt = page_alloc();
	u32 code[SWITCHER_CODE_PAGES];
	u32 regs_frame = (u32)page_alloc(), state_frame = (u32)page_alloc();
	struct lguest_ro_state *state;

	for (unsigned i = 0; i < SWITCHER_CODE_PAGES; i++) {
		code[i] = (u32)switcher_phys + i * PAGE_SIZE;
		pt[i] = code[i] | _PAGE_PRESENT;
	}
	pt[SWITCHER_CODE_PAGES] = regs_frame | _PAGE_PRESENT | _PAGE_RW;
	pt[SWITCHER_CODE_PAGES + 1] = state_frame | _PAGE_PRESENT | _PAGE_RW;
	host_page_directory()[SWITCHER_PGD_INDEX] = (u32)pt | _PAGE_PRESENT | _PAGE_RW;
	switcher_pt_init(code, regs_frame, state_frame);

	state = &pages->state;
	state->host_cr3 = (u32)host_page_directory();
	state->host_gdt_desc = host_gdt_desc;
	state->host_idt_desc = host_idt_desc;
	state->guest_idt_desc.size = sizeof(state->guest_idt) - 1;
	state->guest_idt_desc.address = (u32)&state->guest_idt;
	state->guest_gdt_desc.size = sizeof(state->guest_gdt) - 1;
	state->guest_gdt_desc.address = (u32)&state->guest_gdt;
	/* A trap from the Guest lands on the end of the register page, at
	 * ring 0, where the Switcher saves the rest of the registers. */
	state->guest_tss.esp0 = (u32)(&pages->regs + 1);
	state->guest_tss.ss0 = LGUEST_DS;
	/* No I/O bitmap: every IN and OUT faults, and the Host decides. */
	state->guest_tss.io_bitmap_base = sizeof(state->guest_tss);
	setup_guest_idt(state);
	setup_host_gdt_entries(state);
	host_debug("Switcher at 0x%x: %u bytes of code, pages at 0x%x",
		   SWITCHER_ADDR, (unsigned)(switcher_code_end - switcher_text_start),
		   (u32)pages);
}

struct lguest_regs *lguest_regs(void)
{
	return &pages->regs;
}

/* The FPU as fninit leaves it, so a fresh Guest finds what a fresh CPU
 * has, and its registers until it first runs. */
void guest_cpu_state_init(struct lguest *lg)
{
	if (last_guest == lg)
		last_guest = NULL;
	clts();
	if (last_guest)
		fxsave(last_guest->fpu);
	fninit();
	fxsave(lg->fpu);
	if (last_guest)
		fxrstor(last_guest->fpu);
	/* clts above: the slow road puts the last Guest's TS back. */
	if (last_guest) {
		last_guest->real_ts = 0;
		entry_check_again(last_guest);
	}
	lg->regs = &lg->saved_regs;
}

/*
 * Another Guest had this CPU: put its registers and FPU registers aside,
 * take this one's, and have run_guest_once() copy all of its state-page
 * entries in: every GDT entry too, not only those this Guest changed
 * since it last ran, for the state page holds the other Guest's.  The
 * Host never touches the FPU itself (fpu.c), so the registers there are
 * the last Guest's.
 */
void load_guest_on_cpu(struct lguest *lg)
{
	if (last_guest == lg)
		return;
	clts();
	if (last_guest) {
		last_guest->saved_regs = pages->regs;
		last_guest->regs = &last_guest->saved_regs;
		fxsave(last_guest->fpu);
	}
	fxrstor(lg->fpu);
	pages->regs = lg->saved_regs;
	lg->regs = &pages->regs;
	lg->changed = CHANGED_ALL;
	/* The state page's GDT is the last Guest's: every entry of this
	 * one's is to be copied in, not only those it changed since its own
	 * last entry (its TLS entries would be the other Guest's). */
	lg->gdt_dirty = ~0u;
	/* CR0.TS is clear now: set it again if the Guest's is.  Its
	 * selectors need no new check (entry_unchanged()): they were checked
	 * against its own GDT, which no other Guest can change. */
	lg->real_ts = 0;
	fpu_before_entry(lg);
	lg->guest_switches++;
	last_guest = lg;
}

void kill_guest(struct lguest *lg, const char *fmt, ...)
{
	va_list ap;

	/* The first reason is the one that counts. */
	if (lg->end == GUEST_KILLED)
		return;
	va_start(ap, fmt);
	vformat(lg->message, sizeof(lg->message), fmt, ap);
	va_end(ap);
	lg->end = GUEST_KILLED;
}

/*
 * One trip into the Guest and back.  We push eflags and %cs and call, so
 * the Host's stack holds what an interrupt would push: the Switcher's way
 * home is an "iret", and a device interrupt that fires while the Guest runs
 * can go straight to the Host's own handler, whose "iret" comes back here.
 */
static void run_guest_once(struct lguest *lg)
{
	u32 a, b;

	if (lg->changed & CHANGED_GDT)
		copy_gdt_to_state(lg, &pages->state);
	if (lg->changed & CHANGED_IDT)
		copy_idt_to_state(lg, &pages->state);
	if (lg->changed & CHANGED_STACK) {
		pages->state.guest_tss.esp1 = lg->esp1;
		pages->state.guest_tss.ss1 = lg->ss1;
	}
	lg->changed = 0;
	asm volatile("pushfl; pushl %%cs; call switch_to_guest"
		     : "=a"(a), "=b"(b)
		     : "0"(pages), "1"(lg->pgdir_machine)
		     : "ecx", "edx", "esi", "edi", "memory", "cc");
}

static void kill_for_trap(struct lguest *lg, u32 cr2)
{
	struct lguest_regs *r = lg->regs;

	if (r->trapnum == 14)
		kill_guest(lg, "page fault at address 0x%x (eip 0x%x, error code "
			   "0x%x: %s %s from ring %u)", cr2, r->eip, r->errcode,
			   r->errcode & 1 ? "protection violation on" : "unmapped",
			   r->errcode & 2 ? "write" : "read", r->cs & 3);
	else
		kill_guest(lg, "%s (trap %u) at eip 0x%x, error code 0x%x",
			   trap_name(r->trapnum), r->trapnum, r->eip, r->errcode);
}

/*
 * The loop: hypercalls first (the Guest may have asked for something on its
 * way out), then any interrupt it should take, then into the Guest; and
 * when it comes back, see why.
 */
void run_guest(struct lguest *lg, u64 slice_end)
{
	struct lguest_regs *r;
	u64 start = rdtsc();

	load_guest_on_cpu(lg);
	r = lg->regs;
	while (lg->end == GUEST_RUNNING) {
		u32 cr2 = 0;
		const char *insn;

		do_hypercalls(lg);
		if (lg->end != GUEST_RUNNING)
			break;
		if (lg->yielded) {
			lg->yielded = 0;
			break;	/* the scheduler runs the others first */
		}
		/* Usually nothing is pending: look before calling. */
		if (lg->irqs_pending)
			maybe_do_interrupt(lg);
		if (lg->halted && !guest_woken(lg))
			break;	/* the scheduler runs another, or waits */
		if (lg->halted)
			continue;	/* maybe_do_interrupt() wakes it */
		if (lg->end != GUEST_RUNNING)
			break;
		/* The selectors the Switcher will load, and the Guest's TS:
		 * only when something they depend on changed (lg.h). */
		if (!entry_unchanged(lg, r)) {
			if (!recheck_guest_segments(lg))
				break;
			fpu_before_entry(lg);
		}

		irq_disable();
		run_guest_once(lg);
		/* Exits the Guest caused, apart from the machine's interrupts,
		 * which come whatever it does (the Host's own tick among them). */
		if (r->trapnum < 32 || r->trapnum == 128)
			lg->exits++;
		else
			lg->interrupts++;
		/* The fault address, before anything else can fault. */
		if (r->trapnum == 14)
			cr2 = read_cr2();

		switch (r->trapnum) {
		case LGUEST_TRAP_ENTRY:
			continue;	/* do_hypercalls() takes it */
		case LGUEST_TRAP_SWITCHER_FAULT:
			/* The Switcher's failsafe (switcher.S): the registers
			 * are lost, and entering again would fault again. */
			kill_guest(lg, "%s (trap %u) in the Switcher at 0x%x, on its way "
				   "into the Guest: the registers it saved could not be "
				   "loaded", trap_name(r->errcode), r->errcode, r->eip);
			continue;
		case 13:
			/* An "int" the real IDT refused, played through the
			 * Guest's own gate (interrupts_and_traps.c says why). */
			if (emulate_soft_int(lg))
				continue;
			/* A general protection fault in the Guest kernel may be
			 * an instruction it may not run at ring 1. */
			if ((r->cs & 3) == GUEST_PL) {
				if (emulate_insn(lg, &insn))
					continue;
				if (insn) {
					kill_guest(lg, "privileged instruction %s at "
						   "eip 0x%x", insn, r->eip);
					continue;
				}
			}
			break;
		case 7:
			/* Device not available: the Guest's lazy FPU switch. */
			if (!fpu_trap_is_guests(lg))
				continue;
			break;
		case 14:
			/* Most page faults are the Host's own doing: shadow
			 * entries it has not filled in yet. */
			switch (demand_page(lg, cr2, r->errcode)) {
			case 1:
				continue;
			case DEMAND_DEVICE:
				if (emulate_device_access(lg))
					continue;
			}
			if (lg->end != GUEST_RUNNING)
				continue;
			if (lg->lguest_data)
				lg->lguest_data->cr2 = cr2;
			break;
		default:
			/* Device interrupts were handled on the way back; the
			 * Host's tick may have ended the slice. */
			if (r->trapnum >= 32 && r->trapnum != 128) {
				if (rdtsc() >= slice_end)
					goto out;
				continue;
			}
		}
		/* A trap the Guest must handle itself, if it has said how. */
		if (lg->end == GUEST_RUNNING && !deliver_trap(lg, r->trapnum))
			kill_for_trap(lg, cr2);
	}
out:
	lg->tsc_used += rdtsc() - start;
}
