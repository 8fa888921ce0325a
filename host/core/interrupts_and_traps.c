/*
 * Interrupts and traps: how a Guest is told something happened.
 *
 * The IDT a Guest really runs with (the state page's) sends every vector
 * to a Switcher stub, so every trap and interrupt comes back to the Host.
 * The gates are interrupt gates (the Switcher runs with interrupts off) of
 * privilege 0, whatever the Guest's own gate says, so a Guest's "int N"
 * never reaches a stub: only the hypercall and floor vectors are open to
 * ring 1, and the system call (below) to ring 3.  Why not open a vector
 * the Guest's gate opens, as the original did for some?  A stub cannot
 * tell an "int" from what the CPU raises.  For vectors 8, 10-14 and 17
 * the CPU pushes an error code and an "int" does not, so the frame the
 * Switcher saves would be a word short: the Guest's %es in the trap
 * number, and the Host re-entering on registers one slot off.  And the
 * stubs for 32-255 hand the vector to the Host's own handlers, which only
 * the hardware may reach.  So an "int" faults (#GP with the vector in the
 * error code), and the Host plays it as the CPU would have with the
 * Guest's own gate (deliver_soft_int()), as Xen does.
 *
 * The Guest's own IDT, which it gives us one entry at a time (each checked
 * in trap_setup.c), says where it wants each trap handled.  The Host delivers a trap by doing what the CPU
 * would have: push a frame on the right stack and jump to the handler.  One
 * vector is special: the system call (0x80) goes into the real IDT as the
 * Guest gave it, so a program's system call reaches the Guest kernel with
 * no trip through the Host at all ("direct traps").
 */
#include <lguest/boot.h>
#include "../machine/apic.h"
#include "../machine/cpu.h"
#include "../machine/desc.h"
#include "lg.h"

extern const u32 switcher_stubs[256];
void floor_trap(void);

#define SYSCALL_VECTOR		0x80
#define FIRST_EXTERNAL_VECTOR	32
#define X86_EFLAGS_TF		0x00000100u
#define X86_EFLAGS_NT		0x00004000u
#define X86_EFLAGS_RF		0x00010000u

/* A Guest's clock event sooner than this (10 us) is made this: it cannot
 * make the Host do nothing but take its timer interrupts. */
#define MIN_CLOCK_NS		10000u
/* The Host's own tick: whatever the Guest does, the Host gets control at
 * least this often (10 ms). */
#define HOST_TICK_NS		10000000u

/* The real gate for vector v when the Guest's own says nothing special. */
static u64 stub_gate(unsigned v, u32 dpl)
{
	return make_gate(LGUEST_CS, switcher_stubs[v], GATE_INTERRUPT, dpl);
}

void setup_guest_idt(struct lguest_ro_state *state)
{
	for (unsigned v = 0; v < 256; v++)
		state->guest_idt[v] = stub_gate(v, v == LGUEST_TRAP_ENTRY ? GUEST_PL : 0);
	state->guest_idt[LGUEST_FLOOR_VECTOR] =
		make_gate(LGUEST_CS, (u32)floor_trap, GATE_INTERRUPT, GUEST_PL);
}

/* A direct trap: a present trap gate of privilege 3, for the system call
 * only.  Every other trap the Host must see first (page faults for its
 * shadow tables, general protection for emulation, device-not-available
 * for the FPU) or only the Host can make (device interrupts). */
static int direct_trap(unsigned v, u64 g)
{
	return v == SYSCALL_VECTOR && gate_present(g) && gate_type(g) == GATE_TRAP &&
	       gate_dpl(g) == 3;
}

/* The one gate of the real IDT the Guest may change: the system call's, a
 * direct trap as the Guest gave it, else its stub (of privilege 0, like
 * every other). */
void copy_idt_to_state(const struct lguest *lg, struct lguest_ro_state *state)
{
	u64 g = lg->idt[SYSCALL_VECTOR];

	state->guest_idt[SYSCALL_VECTOR] = direct_trap(SYSCALL_VECTOR, g) ?
		make_gate(LGUEST_KERNEL_CS, gate_offset(g), GATE_TRAP, 3) :
		stub_gate(SYSCALL_VECTOR, 0);
}

/* Push one word onto the Guest's stack at its virtual *sp, as the CPU
 * would: the page must be mapped and writable for the Guest kernel. */
static int push_guest(struct lguest *lg, u32 *sp, u32 val)
{
	u32 gpa;
	u32 *p;

	*sp -= 4;
	if (*sp % 4 || !guest_virt_writable(lg, *sp, &gpa) ||
	    !(p = guest_ptr(lg, gpa, 4)))
		return 0;
	*p = val;
	return 1;
}

/*
 * Deliver through gate g, as the CPU does for a trap or interrupt: from
 * ring 3, onto the stack LHCALL_SET_STACK gave, with the old stack pushed;
 * then eflags (with the interrupt flag the Guest thinks it has), cs, eip,
 * and the error code if there is one.  Returns 0 with the Guest killed if
 * the frame cannot be pushed: a real CPU would double fault.
 */
static int set_guest_interrupt(struct lguest *lg, unsigned v, u64 g, int has_err)
{
	struct lguest_regs *r = lg->regs;
	u32 sp, ss, eflags = r->eflags & ~X86_EFLAGS_IF;
	int ok = 1;

	if (lg->lguest_data)
		eflags |= lg->lguest_data->irq_enabled & X86_EFLAGS_IF;
	if ((r->cs & 3) != GUEST_PL) {
		sp = lg->esp1;
		ss = lg->ss1;
		if (!ss) {
			kill_guest(lg, "trap %u from ring %u before LHCALL_SET_STACK",
				   v, r->cs & 3);
			return 0;
		}
		ok = push_guest(lg, &sp, r->ss) && push_guest(lg, &sp, r->esp);
	} else {
		sp = r->esp;
		ss = r->ss;
	}
	ok = ok && push_guest(lg, &sp, eflags) && push_guest(lg, &sp, r->cs) &&
	     push_guest(lg, &sp, r->eip) && (!has_err || push_guest(lg, &sp, r->errcode));
	if (!ok) {
		kill_guest(lg, "%s (trap %u) at eip 0x%x could not be delivered: its "
			   "stack at 0x%x is not mapped writable", trap_name(v), v,
			   r->eip, sp);
		return 0;
	}
	r->ss = ss;
	r->esp = sp;
	r->cs = LGUEST_KERNEL_CS;
	r->eip = gate_offset(g);
	/* As the CPU does on entry; the real interrupt flag stays on. */
	r->eflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_VM);
	entry_check_again(lg);
	if (gate_type(g) == GATE_INTERRUPT && lg->lguest_data)
		lg->lguest_data->irq_enabled = 0;
	return 1;
}

static int has_err(unsigned trap)
{
	return trap == 8 || (trap >= 10 && trap <= 14) || trap == 17;
}

/*
 * A software interrupt the real IDT refused (see the top of this file),
 * len bytes long, made at the Guest's ring: what the CPU would have done
 * with the Guest's own gate.  If that gate is present and admits the ring
 * (privilege 0 means "the kernel", which runs at ring 1), the Guest's
 * handler gets it, with %eip past the instruction and no error code,
 * whatever the vector: an "int" never pushes one.  Else 0: the #GP goes to
 * the Guest, as on a CPU.  The vectors that are the Host's (2, 8, the
 * hypercall's and the floor's) never have a Guest gate.
 */
int deliver_soft_int(struct lguest *lg, unsigned v, u32 len)
{
	u64 g = v < 256 ? lg->idt[v] : 0;
	u32 dpl = gate_dpl(g) < GUEST_PL ? GUEST_PL : gate_dpl(g);

	if (!gate_present(g) || (lg->regs->cs & 3) > dpl)
		return 0;
	lg->regs->eip += len;
	set_guest_interrupt(lg, v, g, 0);
	return 1;
}

int deliver_trap(struct lguest *lg, unsigned num)
{
	u64 g = num < 256 ? lg->idt[num] : 0;

	if (!gate_present(g))
		return 0;
	/* A kill while pushing still counts as handled: the caller must not
	 * kill again with a different reason. */
	set_guest_interrupt(lg, num, g, has_err(num));
	return 1;
}

/*
 * Before each entry: the first pending interrupt the Guest has not blocked
 * goes in now if it has interrupts on and is not inside its iret sequence;
 * if they are off, irq_pending tells it to ask (LHCALL_SEND_INTERRUPTS)
 * when it turns them on.  This runs on every trip into the Guest, so the
 * common case is one test.
 */
void maybe_do_interrupt(struct lguest *lg)
{
	struct lguest_data *data = lg->lguest_data;
	u32 pending, irq;
	u64 g;

	if (!lg->irqs_pending || !data)
		return;
	pending = lg->irqs_pending & ~data->blocked_interrupts[0];
	if (!pending)
		return;
	if (lg->regs->eip >= lg->noirq_start && lg->regs->eip < lg->noirq_end)
		return;
	if (lg->halted) {
		/* Halting is waiting with interrupts on. */
		data->irq_enabled = X86_EFLAGS_IF;
		lg->halted = 0;
	} else if (!(data->irq_enabled & X86_EFLAGS_IF)) {
		data->irq_pending = X86_EFLAGS_IF;
		return;
	}
	irq = (u32)__builtin_ctz(pending);
	lg->irqs_pending &= ~(1u << irq);
	data->irq_pending = 0;
	g = lg->idt[FIRST_EXTERNAL_VECTOR + irq];
	/* No handler: the Guest does not want it. */
	if (gate_present(g))
		set_guest_interrupt(lg, FIRST_EXTERNAL_VECTOR + irq, g, 0);
}

void lguest_send_interrupt(struct lguest *lg, unsigned irq)
{
	if (irq < LGUEST_IRQS)
		lg->irqs_pending |= 1u << irq;
}

/* The Host's clock: one APIC timer for the Guests' clock events and the
 * Host's own tick (which also ends a Guest's time slice), whichever is
 * soonest. */
static struct lguest *clock_guests;
static unsigned clock_nguests;

/* The Host's tick runs on a fixed schedule, each deadline HOST_TICK_NS
 * after the last one's, not after the interrupt's handling: QEMU delivers
 * a timer late when its machine is busy, and measured from each late
 * interrupt the lateness would add up (a 10 ms tick came at half its
 * rate).  Deadlines already past when we look are merged into one. */
static u64 next_tick;

static void arm_timer(void)
{
	u64 period = (u64)HOST_TICK_NS * tsc_khz / 1000000, now = rdtsc();
	u64 soonest;

	if (!next_tick || next_tick + period <= now)
		next_tick = now + period;
	else if (next_tick <= now)
		next_tick += period;
	soonest = next_tick;
	for (unsigned i = 0; i < clock_nguests; i++) {
		const struct lguest *lg = &clock_guests[i];

		if (lg->end == GUEST_RUNNING && lg->clock_deadline &&
		    lg->clock_deadline < soonest)
			soonest = lg->clock_deadline;
	}
	apic_timer_at(soonest);
}

static void timer_interrupt(unsigned vector)
{
	u64 now = rdtsc();

	apic_eoi();
	launcher_poll();
	for (unsigned i = 0; i < clock_nguests; i++) {
		struct lguest *lg = &clock_guests[i];

		if (lg->clock_deadline && now >= lg->clock_deadline) {
			lg->clock_deadline = 0;
			lguest_send_interrupt(lg, 0);
		}
	}
	arm_timer();
}

void guest_clock_init(struct lguest *guests, unsigned n)
{
	clock_guests = guests;
	clock_nguests = n;
	set_irq_handler(APIC_TIMER_VECTOR, timer_interrupt);
	arm_timer();
}

/* LHCALL_SET_CLOCKEVENT: interrupt 0 in ns nanoseconds; 0 cancels. */
void guest_set_clockevent(struct lguest *lg, u32 ns)
{
	if (!ns) {
		lg->clock_deadline = 0;
		return;
	}
	if (ns < MIN_CLOCK_NS)
		ns = MIN_CLOCK_NS;
	lg->clock_deadline = rdtsc() + (u64)ns * tsc_khz / 1000000;
	arm_timer();
}

int guest_woken(struct lguest *lg)
{
	u32 blocked = lg->lguest_data ? lg->lguest_data->blocked_interrupts[0] : 0;

	if (lg->irqs_pending & ~blocked)
		return 1;
	if (!lg->clock_deadline &&
	    !(lg->awaiting_input && !(blocked & (1u << lg->input_irq))))
		kill_guest(lg, "halted with nothing to wake it (no clock event, "
			   "no device waiting for input)");
	return 0;
}
