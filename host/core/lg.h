/*
 * The lguest core's view of a Guest: struct lguest, and the Switcher's
 * pages it runs through.  Everything the core knows about a Guest is here.
 */
#ifndef HOST_LG_H
#define HOST_LG_H

#include <stddef.h>
#include <lguest/hcall.h>
#include <lguest/segments.h>
#include <lguest/types.h>
#include "../machine/x86.h"
#include "switcher_layout.h"
#include "format.h"
#include "page_tables.h"

/* The Guest's registers, as the Switcher saves them: the part it pushes
 * itself, the trap number and error code, then what the CPU pushed. */
struct lguest_regs {
	u32 eax, ebx, ecx, edx;
	u32 esi, edi, ebp;
	u32 gs, fs, ds, es;
	u32 trapnum, errcode;
	u32 eip, cs, eflags, esp, ss;
};

/* A 32-bit TSS.  The Guest's is used for one thing: where the CPU puts its
 * stack when the Guest traps into the Switcher (esp0/ss0), and where it
 * puts the Guest kernel's stack when a Guest program makes a system call
 * straight into the Guest (esp1/ss1). */
struct x86_tss {
	u16 back_link, pad0;
	u32 esp0;
	u16 ss0, pad1;
	u32 esp1;
	u16 ss1, pad2;
	u32 esp2;
	u16 ss2, pad3;
	u32 cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u16 es, pad4, cs, pad5, ss, pad6, ds, pad7, fs, pad8, gs, pad9;
	u16 ldt, pad10, trace, io_bitmap_base;
} __attribute__((packed));

/* The state page: read-only to the Guest, so it cannot aim the Switcher
 * at anything but what the Host wrote here. */
struct lguest_ro_state {
	u32 host_cr3;
	struct desc_ptr host_idt_desc;
	struct desc_ptr host_gdt_desc;
	u32 host_sp;
	struct desc_ptr guest_idt_desc;
	struct desc_ptr guest_gdt_desc;
	struct x86_tss guest_tss;
	u64 guest_idt[256];
	u64 guest_gdt[GDT_ENTRIES];
} __attribute__((packed));

struct lguest_pages {
	/* The register page: writable by the Guest, but every trap rewrites
	 * all of regs before the Host reads it. */
	u8 spare[PAGE_SIZE - sizeof(struct lguest_regs)];
	struct lguest_regs regs;
	/* The state page. */
	struct lguest_ro_state state;
} __attribute__((aligned(PAGE_SIZE)));

#define OFFSET_CHECK(field, value) \
	_Static_assert(offsetof(struct lguest_pages, field) == (value), #field)
OFFSET_CHECK(regs, LGUEST_PAGES_regs);
OFFSET_CHECK(regs.trapnum, LGUEST_PAGES_regs_trapnum);
OFFSET_CHECK(regs.errcode, LGUEST_PAGES_regs_errcode);
OFFSET_CHECK(regs.eip, LGUEST_PAGES_regs_eip);
OFFSET_CHECK(state.host_cr3, LGUEST_PAGES_host_cr3);
OFFSET_CHECK(state.host_idt_desc, LGUEST_PAGES_host_idt_desc);
OFFSET_CHECK(state.host_gdt_desc, LGUEST_PAGES_host_gdt_desc);
OFFSET_CHECK(state.host_sp, LGUEST_PAGES_host_sp);
OFFSET_CHECK(state.guest_idt_desc, LGUEST_PAGES_guest_idt_desc);
OFFSET_CHECK(state.guest_gdt_desc, LGUEST_PAGES_guest_gdt_desc);
OFFSET_CHECK(state.guest_tss, LGUEST_PAGES_guest_tss);
OFFSET_CHECK(state.guest_idt, LGUEST_PAGES_guest_idt);
OFFSET_CHECK(state.guest_gdt, LGUEST_PAGES_guest_gdt);
_Static_assert(sizeof(struct lguest_regs) == LGUEST_REGS_SIZE, "regs size");
_Static_assert(sizeof(struct x86_tss) == 104, "TSS size");
_Static_assert(sizeof(struct lguest_pages) == 2 * PAGE_SIZE, "two pages");

/* Bits of struct lguest's "changed". */
#define CHANGED_GDT	1u
#define CHANGED_STACK	2u
#define CHANGED_IDT	4u
#define CHANGED_ALL	(CHANGED_GDT | CHANGED_STACK | CHANGED_IDT)

/* The %cs and %ss a Guest was last resumed with, found usable, and the
 * limit of that %cs (segments.c); a change to either's GDT entry forgets
 * them (cs = 0, which is never usable).  check_data: the data selectors
 * too, on the first entry after boot. */
struct seg_check {
	u32 cs, ss, cs_limit;
	int check_data;
};

/* How a Guest's run ended. */
enum guest_end {
	GUEST_RUNNING,
	GUEST_POWEROFF,		/* it asked, with a status */
	GUEST_CRASHED,		/* it asked, with a message */
	GUEST_RESTART,		/* it asked to be booted again */
	GUEST_KILLED,		/* the Host stopped it, with a message */
};

struct lguest {
	/* Guest-physical address 0 as the Host sees it, and the size. */
	u8 *mem;
	u32 mem_size;
	/* The machine address of Guest-physical 0 (for page tables). */
	u32 mem_machine;

	struct lguest_regs *regs;

	/* The shared page, once LHCALL_LGUEST_INIT has checked it. */
	struct lguest_data *lguest_data;
	u32 noirq_start, noirq_end;
	/* The async ring slot the Host looks at next. */
	unsigned next_hcall;

	/* The shadow page tables (page_tables.c): the cache of shadowed
	 * page directories, which one the Guest runs on, and its machine
	 * address for %cr3. */
	struct shadow_pgdir pgdirs[SHADOW_PGDIRS];
	unsigned pgdidx;
	u32 pgdir_machine;
	u64 pgdir_clock;
	/* What the shadows cost: directories built, switches, faults fixed;
	 * and its shadow page tables in use (at most SHADOW_PT_BUDGET). */
	u64 shadow_builds, pgdir_switches, demand_faults;
	u32 shadow_pts;

	/* The Guest's GDT entries: copied into the state page on entry. */
	u64 gdt[GDT_ENTRIES];
	/* Which of them changed since they were copied to the state page. */
	u32 gdt_dirty;

	struct seg_check seg_check;

	/* The Guest's virtual CR0.TS (LHCALL_TS): fpu.c puts it in the real
	 * CR0 before each entry. */
	u32 ts;
	/* What the real CR0.TS holds (one Guest, one CPU: it is the Guest's). */
	u32 real_ts;

	/* What changed since the state page was last written: copying only
	 * that keeps the way into the Guest short. */
	unsigned changed;

	/* Guest-physical pages the launcher plays devices in: never mapped,
	 * so every access faults and comes to emulate_device_access(). */
	u32 device_base, device_size;
	u32 device_gpa;		/* the address of the access being played */
	u32 irqs_pending;	/* interrupts waiting for the Guest, a bit each */

	/* The Guest's IDT as it gave it, each entry checked. */
	u64 idt[256];
	/* Its one-shot clock event, as a TSC value (0: none), and whether it
	 * is waiting for an interrupt (LHCALL_HALT). */
	u64 clock_deadline;
	int halted;
	/* It gave up the rest of its slice (LHCALL_YIELD). */
	int yielded;
	/* A device of the launcher's is waiting for input from outside that
	 * can still come (not after the end of input), to raise interrupt
	 * input_irq: a halt may sleep for it, unless the Guest blocks that
	 * interrupt (the Host's tick polls). */
	int awaiting_input;
	u32 input_irq;

	/* The Guest kernel's stack for traps from ring 3. */
	u32 ss1, esp1;

	/* How and why it ended (see enum guest_end). */
	enum guest_end end;
	u32 exit_status;
	char message[LGUEST_MESSAGE_MAX + 64];

	/* Counters, for the log and the benchmarks. */
	u64 exits, interrupts, hypercalls;

	/* Many Guests share one CPU (core.c's scheduler).  Which Guest this
	 * is (0 has the machine's devices), its registers and FPU registers
	 * while another Guest has the CPU's register page and FPU, and what
	 * it has had of the CPU: TSC cycles and how many times the Host
	 * switched to it from another Guest. */
	unsigned id;
	struct lguest_regs saved_regs;
	u8 fpu[512] __attribute__((aligned(16)));
	u64 tsc_used, guest_switches;
};

/* The most Guests one Host runs. */
#define LGUEST_MAX_GUESTS 8
/* A Guest's time slice: the Host's tick (interrupts_and_traps.c) ends it. */
#define GUEST_SLICE_NS 10000000u

/* core.c */
void lguest_core_init(void);
void kill_guest(struct lguest *lg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Run the Guest until it ends, halts, or its slice ends at TSC slice_end. */
void run_guest(struct lguest *lg, u64 slice_end);
/* Give this CPU's Switcher pages and FPU to lg (its registers and the
 * state the Switcher copies in), unless lg had them last. */
void load_guest_on_cpu(struct lguest *lg);
/* A fresh Guest's registers and FPU, before it first runs. */
void guest_cpu_state_init(struct lguest *lg);
/* The register page the Switcher saves a Guest's registers in. */
struct lguest_regs *lguest_regs(void);

/* guest_memory.c: every Guest-physical address is checked here. */
int lguest_address_ok(const struct lguest *lg, u32 gpa, u32 len);
void *guest_ptr(struct lguest *lg, u32 gpa, u32 len);

/* Provided by the launcher: where the Guest's console output goes, and
 * LHCALL_NOTIFY: queue written to the queue-notify register at addr. */
void guest_console_write(struct lguest *lg, const char *buf, u32 len);
void launcher_notify(struct lguest *lg, u32 addr, u32 queue);
/* A Guest load or store of size bytes at gpa in its device window.
 * Returns 0 if no device is there. */
int launcher_device_access(struct lguest *lg, u32 gpa, int write, u32 size, u32 *value);
/* On the Host's tick: let the launcher's devices look for input. */
void launcher_poll(void);

/* hypercalls.c */
void do_hypercalls(struct lguest *lg);

/* page_tables.c: the shadow page tables. */
int guest_pagetables_init(struct lguest *lg, u32 pgdir_gpa);
void guest_pagetables_report(const struct lguest *lg);
int guest_virt_to_phys(struct lguest *lg, u32 vaddr, u32 *gpa);
int guest_virt_writable(struct lguest *lg, u32 vaddr, u32 *gpa);
void map_switcher_in_guest(u32 *pgdir);
void switcher_pt_init(const u32 *code_frames, u32 regs_frame, u32 state_frame);
void guest_new_pagetable(struct lguest *lg, u32 pgdir_gpa);
void guest_set_pte(struct lguest *lg, u32 pgdir_gpa, u32 vaddr, u32 pte);
void guest_set_pgd(struct lguest *lg, u32 pgdir_gpa, u32 index);
void guest_flush_tlb(struct lguest *lg, u32 all);
/* A page fault the Host can fix by itself (returns 1), or not (0). */
int demand_page(struct lguest *lg, u32 vaddr, u32 errcode);
/* demand_page()'s answer for an access to a device window (at
 * lg->device_gpa), which the caller plays with emulate_device_access(). */
#define DEMAND_DEVICE 2

/* segments.c */
void setup_guest_gdt(struct lguest *lg);
void setup_host_gdt_entries(struct lguest_ro_state *state);
void copy_gdt_to_state(struct lguest *lg, struct lguest_ro_state *state);
void load_guest_gdt_entry(struct lguest *lg, u32 index, u32 lo, u32 hi);
void guest_load_tls(struct lguest *lg, u32 gpa);
/* Fix up a descriptor the Guest wants in its GDT: NULL, or why not. */
const char *check_guest_descriptor(u64 *d);
/* The base of the Guest's segment sel (0 for null or not the Guest's). */
u32 guest_segment_base(const struct lguest *lg, u32 sel);
/* Whether it is a 16-bit segment (D/B clear): 0 for null or not the Guest's. */
int guest_segment_16bit(const struct lguest *lg, u32 sel);
/*
 * Before each entry.  Every hypercall pays for this, so the common case is
 * inline: entry_unchanged(lg, its registers) says %cs and %ss are the
 * ones last found usable, %eip is within that %cs, and the flags give the
 * Guest neither I/O privilege nor virtual-8086 mode (the CPU never saves
 * those for a Guest; only a Host bug could).  Anything else the entry
 * depends on forgets them when it changes (entry_check_again()): the GDT
 * entries of that %cs and %ss, the Guest's TS, and any Host code that
 * writes the Guest's %eflags (it must keep the interrupt flag on).  Else
 * the slow road: recheck_guest_segments() (1 if the Switcher can load the
 * Guest's selectors, else 0 with the Guest killed; it also puts the
 * interrupt flag back), then fpu_before_entry().
 */
static inline int entry_unchanged(const struct lguest *lg, const struct lguest_regs *r)
{
	const struct seg_check *c = &lg->seg_check;

	return r->cs == c->cs && r->ss == c->ss && r->eip <= c->cs_limit &&
	       !(r->eflags & (X86_EFLAGS_IOPL | X86_EFLAGS_VM));
}

static inline void entry_check_again(struct lguest *lg)
{
	lg->seg_check.cs = 0;	/* a %cs that never matches */
}

int recheck_guest_segments(struct lguest *lg);

static inline int guest_segments_usable(struct lguest *lg)
{
	return entry_unchanged(lg, lg->regs) || recheck_guest_segments(lg);
}

/* interrupts_and_traps.c */
void setup_guest_idt(struct lguest_ro_state *state);
void load_guest_idt_entry(struct lguest *lg, u32 vector, u32 lo, u32 hi);
void guest_set_stack(struct lguest *lg, u32 ss, u32 esp, u32 pages);
void guest_set_clockevent(struct lguest *lg, u32 ns);
void guest_halt(struct lguest *lg);
/* A halted Guest: 1 if an interrupt it takes is pending; 0 if not (and
 * killed if nothing could ever wake it). */
int guest_woken(struct lguest *lg);
/* Before each entry: the Guest's direct-trap gates into the real IDT. */
void copy_idt_to_state(const struct lguest *lg, struct lguest_ro_state *state);
/* Start the Host's clock for the n Guests at guests (apic.c underneath). */
void guest_clock_init(struct lguest *guests, unsigned n);
/* Hand trap number num to the Guest through its IDT: 1 if it could. */
int deliver_trap(struct lguest *lg, unsigned num);
/* A software interrupt of len bytes, played through the Guest's own gate
 * for vector: 1 if that gate admits its ring, else 0 (a #GP, then). */
int deliver_soft_int(struct lguest *lg, unsigned vector, u32 len);
/* Before each entry: divert the Guest to an interrupt handler if one is
 * pending and it may take it. */
void maybe_do_interrupt(struct lguest *lg);
/* Mark interrupt irq pending for the Guest (devices, the timer). */
void lguest_send_interrupt(struct lguest *lg, unsigned irq);

/* fpu.c: lazy FPU switching. */
void guest_set_ts(struct lguest *lg, u32 on);
/* On the slow road before an entry: the Guest's TS into the real CR0,
 * when they differ. */
void fpu_load_ts(struct lguest *lg);
static inline void fpu_before_entry(struct lguest *lg)
{
	if (lg->ts != lg->real_ts)
		fpu_load_ts(lg);
}
/* A #NM from the Guest: 1 if the Guest must handle it (its TS is set),
 * else 0 with the Guest killed. */
int fpu_trap_is_guests(struct lguest *lg);

/* invariants.c: what no Guest may change, noted at boot (with guard
 * pages at the bottom of the Host's page pool and either side of the
 * Guest's RAM, whose lower one is also the pool's top) and checked before
 * the machine ends.  invariants_broken() says which broke, or NULL. */
void invariants_record(void *pool_bottom, void *guest_below, void *guest_above);
/* The guard pages either side of each other Guest's RAM, after that. */
void invariants_guard_guest(void *guest_below, void *guest_above);
const char *invariants_broken(void);

/* emulate.c */
int emulate_insn(struct lguest *lg, const char **name);
/* A #GP that is a software "int" the real IDT refused: 1 if the Guest's
 * own gate took it (deliver_soft_int()), else 0 for the #GP to go on. */
int emulate_soft_int(struct lguest *lg);
int emulate_device_access(struct lguest *lg);

#endif
