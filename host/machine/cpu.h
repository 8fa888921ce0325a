/* The Host's own descriptor tables, and its trap and interrupt handling. */
#ifndef HOST_CPU_H
#define HOST_CPU_H

#include <lguest/types.h>
#include "x86.h"

/* What host_trap() sees: the registers the entry stub saved. */
struct trap_frame {
	u32 edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
	u32 gs, fs, es, ds;
	u32 vector, errcode;
	u32 eip, cs, eflags;
};

void cpu_init(void);

/* The GDT and IDT the Switcher must restore when it comes home. */
extern struct desc_ptr host_gdt_desc, host_idt_desc;

/* A handler for a device interrupt vector (32..255). */
typedef void (*irq_handler)(unsigned vector);
void set_irq_handler(unsigned vector, irq_handler fn);

#include "trap_names.h"

#endif
