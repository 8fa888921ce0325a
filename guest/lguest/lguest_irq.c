/*
 * The lguest world's interrupt flag, halt, IDT, kernel stack and clock.
 *
 * The interrupt flag is lguest_data.irq_enabled, which the Host reads
 * before it delivers an interrupt: turning interrupts off is one store, no
 * trip to the Host.  Turning them on must ask for what the Host held back
 * meanwhile: it set irq_pending, and LHCALL_SEND_INTERRUPTS (a null trip,
 * really) gives it the chance to deliver.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "lguest/lguest_irq.h"
#include "lguest/lguest_mmu.h"
#include "x86/paravirt.h"

/* The Host must see the store before we look at irq_pending. */
static inline void barrier(void) { asm volatile("" : : : "memory"); }

void lguest_irq_disable(void)
{
	lguest_data.irq_enabled = 0;
}

void lguest_irq_enable(void)
{
	lguest_data.irq_enabled = X86_EFLAGS_IF;
	barrier();
	if (lguest_data.irq_pending)
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0, 0);
}

unsigned long lguest_save_fl(void)
{
	return lguest_data.irq_enabled;
}

void lguest_restore_fl(unsigned long flags)
{
	lguest_data.irq_enabled = flags;
	barrier();
	if (flags & lguest_data.irq_pending)
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0, 0);
}

/* Called with interrupts off; the Host turns them on when it wakes us,
 * so no interrupt can come between deciding to halt and halting. */
void lguest_safe_halt(void)
{
	hcall(LHCALL_HALT, 0, 0, 0, 0);
}

void lguest_load_idt_entry(unsigned vector, u64 gate)
{
	hcall(LHCALL_LOAD_IDT_ENTRY, vector, (u32)gate, (u32)(gate >> 32), 0);
}

void lguest_set_kernel_stack(u32 esp)
{
	lguest_lazy_hcall(LHCALL_SET_STACK, kernel_ds(), esp, 1);
}

void lguest_set_clockevent(u32 ns)
{
	hcall(LHCALL_SET_CLOCKEVENT, ns, 0, 0, 0);
}

/* The Host needs no end-of-interrupt. */
void lguest_eoi(void)
{
}

/* The Host delivers every interrupt not in our blocked set. */
void lguest_unmask_irq(u32 irq)
{
	if (irq >= LGUEST_IRQS)
		crash("interrupt %u is beyond what lguest_data can block", irq);
	lguest_data.blocked_interrupts[irq / 32] &= ~(1u << irq % 32);
}
