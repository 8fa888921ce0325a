/*
 * The Guest kernel's traps and interrupts, in both worlds: one IDT built
 * here and loaded entry by entry through pv, one entry path (entry.S) that
 * saves a whole frame, and C handlers per vector.
 */
#ifndef GUEST_TRAPS_H
#define GUEST_TRAPS_H

#include <lguest/types.h>

/* What entry.S saves, in the order it is on the stack.  esp and ss are
 * there only when the trap came from ring 3 (cs & 3). */
struct trap_frame {
	u32 edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
	u32 gs, fs, es, ds;
	u32 vector, errcode;
	u32 eip, cs, eflags;
	u32 esp, ss;
};

#define FIRST_EXTERNAL_VECTOR	32
#define TIMER_VECTOR		FIRST_EXTERNAL_VECTOR	/* interrupt 0 */
#define SYSCALL_VECTOR		0x80

typedef void (*trap_handler)(struct trap_frame *f);

/* Build the IDT and register the kernel's defaults: every exception crashes
 * with its name, eip, error code (and cr2) unless a handler takes it. */
void traps_init(void);

/* Handle vector with fn; user says whether ring 3 may "int" it. */
void set_trap_handler(unsigned vector, trap_handler fn, int user);

/* The system call: a trap gate ring 3 may use, which on the Host goes
 * straight to the Guest kernel (a direct trap). */
void set_syscall_handler(trap_handler fn);

/* The default for a trap nobody handles: crash, saying what it was. */
void trap_unhandled(struct trap_frame *f) __attribute__((noreturn));

/* Called on every way back to ring 3 (a process layer's preemption
 * point), when set. */
extern void (*user_return_hook)(struct trap_frame *f);

/* The address of the last page fault (lguest_data.cr2, or %cr2). */
u32 fault_address(void);

#endif
