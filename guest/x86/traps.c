/*
 * The Guest kernel's traps and interrupts (traps.h).
 *
 * Every vector gets a stub (entry.S) and a gate, loaded through pv: on the
 * Host, LHCALL_LOAD_IDT_ENTRY, which checks it; natively, a store into the
 * real IDT.  Exceptions use trap gates (interrupts stay as they were);
 * device interrupts use interrupt gates (they come in with interrupts off).
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "trap_names.h"
#include "x86/traps.h"

#define GATE_INTERRUPT	0xE
#define GATE_TRAP	0xF

extern const u32 guest_trap_stubs[256];
extern const char native_iret[], lguest_iret[];

/* Where trap_exit leaves through: the world's iret. */
const void *iret_path;

static trap_handler handlers[256];


static u64 gate(u32 offset, unsigned type, unsigned dpl)
{
	u64 lo = (offset & 0xFFFFu) | ((u32)kernel_cs() << 16);
	u64 hi = (offset & 0xFFFF0000u) | 0x8000u | (dpl << 13) | (type << 8);

	return lo | (hi << 32);
}

/* On the Host, these vectors are the Host's: it refuses gates for them. */
static int hosts_vector(unsigned v)
{
	return v == 2 || v == 8 || v == LGUEST_TRAP_ENTRY || v == LGUEST_FLOOR_VECTOR;
}

/* fn NULL takes the gate away: the vector is the Host's to handle again. */
void set_trap_handler(unsigned vector, trap_handler fn, int user)
{
	handlers[vector] = fn;
	if (!fn) {
		pv_load_idt_entry(vector, 0);
		return;
	}
	pv_load_idt_entry(vector, gate(guest_trap_stubs[vector],
				       vector < FIRST_EXTERNAL_VECTOR ? GATE_TRAP : GATE_INTERRUPT,
				       user ? 3 : 0));
}

void set_syscall_handler(trap_handler fn)
{
	handlers[SYSCALL_VECTOR] = fn;
	pv_load_idt_entry(SYSCALL_VECTOR, gate(guest_trap_stubs[SYSCALL_VECTOR], GATE_TRAP, 3));
}

u32 fault_address(void)
{
	u32 cr2;

	if (pv.kernel_rpl)
		return lguest_data.cr2;
	asm volatile("movl %%cr2, %0" : "=r"(cr2));
	return cr2;
}

void (*user_return_hook)(struct trap_frame *f);

void trap_unhandled(struct trap_frame *f)
{
	/* In the Host's words (core.c), so a reader need not learn two. */
	if (f->vector == 14)
		crash("page fault at address 0x%x (eip 0x%x, error code 0x%x: %s %s "
		      "from ring %u)", fault_address(), f->eip, f->errcode,
		      f->errcode & 1 ? "protection violation on" : "unmapped",
		      f->errcode & 2 ? "write" : "read", f->cs & 3);
	if (f->vector < 32)
		crash("%s (trap %u) at eip 0x%x, error code 0x%x",
		      trap_name(f->vector), f->vector, f->eip, f->errcode);
	crash("unexpected interrupt %u at eip 0x%x", f->vector, f->eip);
}

void trap_dispatch(struct trap_frame *f);
void trap_dispatch(struct trap_frame *f)
{
	trap_handler fn = handlers[f->vector & 255];

	if (!fn)
		trap_unhandled(f);
	fn(f);
	if (f->vector >= FIRST_EXTERNAL_VECTOR && f->vector != SYSCALL_VECTOR)
		pv_eoi();
	if ((f->cs & 3) == 3 && user_return_hook)
		user_return_hook(f);
}

/* Where a trap from ring 3 lands until a process layer says otherwise. */
static u8 first_trap_stack[4096] __attribute__((aligned(16)));

void traps_init(void)
{
	iret_path = pv.kernel_rpl ? lguest_iret : native_iret;
	pv_set_kernel_stack((u32)first_trap_stack + sizeof(first_trap_stack));
	for (unsigned v = 0; v < FIRST_EXTERNAL_VECTOR; v++)
		if (!hosts_vector(v))
			set_trap_handler(v, trap_unhandled, 0);
}
