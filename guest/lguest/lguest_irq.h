/* The lguest world's interrupt ops (lguest_irq.c), for its pv table. */
#ifndef GUEST_LGUEST_IRQ_H
#define GUEST_LGUEST_IRQ_H

#include <lguest/types.h>

void lguest_irq_disable(void);
void lguest_irq_enable(void);
unsigned long lguest_save_fl(void);
void lguest_restore_fl(unsigned long flags);
void lguest_safe_halt(void);
void lguest_load_idt_entry(unsigned vector, u64 gate);
void lguest_set_kernel_stack(u32 esp);
void lguest_set_clockevent(u32 ns);
void lguest_eoi(void);
void lguest_unmask_irq(u32 irq);

#endif
