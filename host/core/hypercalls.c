/*
 * Hypercalls: the Guest's requests, checked and carried out.
 *
 * A Guest makes them two ways.  Synchronously: "int $LGUEST_TRAP_ENTRY",
 * which traps into the Host with the call in the registers.  Or
 * asynchronously: it writes the call into the ring in struct lguest_data
 * and carries on; the Host runs the ring the next time the Guest comes
 * back for any reason, always before the synchronous call that brought it,
 * so a batch of calls costs one world switch.
 */
#include <lguest/exit_status.h>
#include "kstring.h"
#include "../machine/apic.h"
#include "lg.h"

/* The trap number that means "nothing to do": a trap that never happens. */
#define TRAPNUM_NONE 255

static void lguest_init(struct lguest *lg, u32 gpa)
{
	struct lguest_data *data;

	if (lg->lguest_data) {
		kill_guest(lg, "LHCALL_LGUEST_INIT made a second time");
		return;
	}
	data = guest_ptr(lg, gpa, sizeof(*data));
	if (!data || gpa % 4) {
		kill_guest(lg, "LHCALL_LGUEST_INIT: lguest_data at 0x%x is not "
			   "an aligned %u bytes inside its %u bytes of memory",
			   gpa, (unsigned)sizeof(*data), lg->mem_size);
		return;
	}
	/* Read once, checked here, never read again: an interrupt must be
	 * able to reach the Guest almost everywhere, or its halts could never
	 * end (guest_halt()). */
	lg->noirq_start = data->noirq_start;
	lg->noirq_end = data->noirq_end;
	if (lg->noirq_start > lg->noirq_end ||
	    lg->noirq_end - lg->noirq_start > LGUEST_NOIRQ_MAX) {
		kill_guest(lg, "LHCALL_LGUEST_INIT: its no-interrupt range 0x%x-0x%x is "
			   "not a range of at most %u bytes", lg->noirq_start,
			   lg->noirq_end, LGUEST_NOIRQ_MAX);
		return;
	}
	lg->lguest_data = data;
	data->reserve_mem = SWITCHER_ADDR;
	data->tsc_khz = tsc_khz;
	data->wallclock_sec = wallclock_sec;
	data->wallclock_tsc = wallclock_tsc;
	for (unsigned i = 0; i < LHCALL_RING_SIZE; i++)
		data->hcall_status[i] = LHCALL_SLOT_FREE;
}

/* A message from the Guest, at a gpa already checked: at most
 * LGUEST_MESSAGE_MAX bytes, and we say so rather than cut it silently. */
static void copy_guest_message(struct lguest *lg, u32 gpa, char *dst, u32 size)
{
	u32 n = 0, max = LGUEST_MESSAGE_MAX;
	const char *src;

	if (max > lg->mem_size - gpa)
		max = lg->mem_size - gpa;
	src = (const char *)lg->mem + gpa;
	while (n < max && src[n])
		n++;
	format(dst, size, "%.*s%s", (int)n, src,
	       n == max ? " [cut: no NUL within its limit]" : "");
}

static void shutdown(struct lguest *lg, u32 kind, u32 arg)
{
	switch (kind) {
	case LGUEST_SHUTDOWN_POWEROFF:
		if (arg > LGUEST_STATUS_MAX) {
			kill_guest(lg, "LHCALL_SHUTDOWN: exit status %u is over "
				   "the limit of %u", arg, LGUEST_STATUS_MAX);
			return;
		}
		lg->end = GUEST_POWEROFF;
		lg->exit_status = arg;
		break;
	case LGUEST_SHUTDOWN_CRASH:
		if (!lguest_address_ok(lg, arg, 1)) {
			kill_guest(lg, "LHCALL_SHUTDOWN: its crash message at 0x%x "
				   "is outside its memory", arg);
			return;
		}
		copy_guest_message(lg, arg, lg->message, sizeof(lg->message));
		lg->end = GUEST_CRASHED;
		break;
	case LGUEST_SHUTDOWN_RESTART:
		lg->end = GUEST_RESTART;
		break;
	default:
		kill_guest(lg, "LHCALL_SHUTDOWN: unknown kind %u", kind);
	}
}

static void console_write(struct lguest *lg, u32 gpa, u32 len)
{
	const char *buf;

	if (len > LGUEST_CONSOLE_WRITE_MAX) {
		kill_guest(lg, "LHCALL_CONSOLE_WRITE: %u bytes is over the "
			   "limit of %u", len, LGUEST_CONSOLE_WRITE_MAX);
		return;
	}
	buf = guest_ptr(lg, gpa, len);
	if (!buf) {
		kill_guest(lg, "LHCALL_CONSOLE_WRITE: %u bytes at 0x%x are "
			   "outside its memory", len, gpa);
		return;
	}
	guest_console_write(lg, buf, len);
}

/* One call, from either road.  Returns the value for the Guest's %eax.
 * Each call's own function checks its arguments. */
static u32 do_hcall(struct lguest *lg, const struct hcall_args *a)
{
	lg->hypercalls++;
	switch (a->call) {
	case LHCALL_FLUSH_ASYNC:
		/* The ring was run before we got here: nothing more to do. */
		return 0;
	case LHCALL_LGUEST_INIT:
		kill_guest(lg, "LHCALL_LGUEST_INIT made a second time");
		return 0;
	case LHCALL_SHUTDOWN:
		shutdown(lg, a->arg1, a->arg2);
		return 0;
	case LHCALL_CONSOLE_WRITE:
		console_write(lg, a->arg1, a->arg2);
		return 0;
	case LHCALL_NEW_PGTABLE:
		guest_new_pagetable(lg, a->arg1);
		return 0;
	case LHCALL_FLUSH_TLB:
		guest_flush_tlb(lg, a->arg1);
		return 0;
	case LHCALL_LOAD_IDT_ENTRY:
		load_guest_idt_entry(lg, a->arg1, a->arg2, a->arg3);
		return 0;
	case LHCALL_SET_STACK:
		guest_set_stack(lg, a->arg1, a->arg2, a->arg3);
		return 0;
	case LHCALL_TS:
		guest_set_ts(lg, a->arg1);
		return 0;
	case LHCALL_SET_CLOCKEVENT:
		guest_set_clockevent(lg, a->arg1);
		return 0;
	case LHCALL_HALT:
		guest_halt(lg);
		return 0;
	case LHCALL_SET_PTE:
		guest_set_pte(lg, a->arg1, a->arg2, a->arg3);
		return 0;
	case LHCALL_SET_PGD:
		guest_set_pgd(lg, a->arg1, a->arg2);
		return 0;
	case LHCALL_LOAD_TLS:
		guest_load_tls(lg, a->arg1);
		return 0;
	case LHCALL_NOTIFY:
		launcher_notify(lg, a->arg1, a->arg2);
		return 0;
	case LHCALL_LOAD_GDT_ENTRY:
		load_guest_gdt_entry(lg, a->arg1, a->arg2, a->arg3);
		return 0;
	case LHCALL_SEND_INTERRUPTS:
		/* Nothing to do here: the run loop delivers what is pending
		 * before the Guest runs again. */
		return 0;
	case LHCALL_YIELD:
		/* run_guest() hands the CPU back to the scheduler, which
		 * tries every other Guest before this one again. */
		lg->yielded = 1;
		return 0;
	default:
		kill_guest(lg, "unknown hypercall %u", a->call);
		return 0;
	}
}

/* The async ring, in order from where we left off, until a slot is not
 * ready.  Each slot's arguments are copied out before use: the Guest could
 * change them under us otherwise (not on one CPU, but that is no excuse). */
static void do_async_hcalls(struct lguest *lg)
{
	struct lguest_data *data = lg->lguest_data;

	for (unsigned n = 0; n < LHCALL_RING_SIZE; n++) {
		unsigned i = lg->next_hcall;
		struct hcall_args args;

		if (data->hcall_status[i] != LHCALL_SLOT_READY)
			break;
		memcpy(&args, &data->hcalls[i], sizeof(args));
		if (args.call == LHCALL_LGUEST_INIT) {
			kill_guest(lg, "LHCALL_LGUEST_INIT in the async ring");
			return;
		}
		do_hcall(lg, &args);
		data->hcall_status[i] = LHCALL_SLOT_FREE;
		lg->next_hcall = (i + 1) % LHCALL_RING_SIZE;
		if (lg->end != GUEST_RUNNING)
			return;
	}
}

void do_hypercalls(struct lguest *lg)
{
	struct lguest_regs *r = lg->regs;

	/* Until it has told us where lguest_data is, the only call a Guest
	 * can make is the one that does. */
	if (!lg->lguest_data) {
		if (r->trapnum != LGUEST_TRAP_ENTRY)
			return;
		if (r->eax != LHCALL_LGUEST_INIT)
			kill_guest(lg, "hypercall %u made before LHCALL_LGUEST_INIT",
				   r->eax);
		else
			lguest_init(lg, r->ebx);
		r->trapnum = TRAPNUM_NONE;
		return;
	}

	/* Most trips find the ring empty: look before calling. */
	if (lg->lguest_data->hcall_status[lg->next_hcall] == LHCALL_SLOT_READY)
		do_async_hcalls(lg);
	if (lg->end == GUEST_RUNNING && r->trapnum == LGUEST_TRAP_ENTRY) {
		struct hcall_args a = { r->eax, r->ebx, r->ecx, r->edx, r->esi };

		r->eax = do_hcall(lg, &a);
		r->trapnum = TRAPNUM_NONE;
	}
}
