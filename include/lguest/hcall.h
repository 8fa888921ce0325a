/*
 * Hypercalls: how a Guest asks the Host to do what it may not do itself.
 *
 * A Guest kernel runs at ring 1, so every privileged instruction traps.
 * Instead of trapping and having the Host guess what it meant, the Guest
 * says what it wants: the call number in %eax, up to four arguments in
 * %ebx, %ecx, %edx and %esi, then "int $LGUEST_TRAP_ENTRY".  The Host
 * answers in %eax.
 *
 * Why "int" and not "vmcall" (which the original used from 2.6.30 on)?  On
 * a CPU without VT-x, vmcall raises #UD, and the Host then has to read the
 * Guest's code to see which instruction it was.  An "int" through a gate
 * the Host owns says "hypercall" by its vector alone.
 */
#ifndef LGUEST_HCALL_H
#define LGUEST_HCALL_H

#include <lguest/types.h>

/* The vector of the hypercall gate.  Its gate has DPL 1: the Guest kernel
 * may use it, the Guest's ring-3 programs may not (they get #GP). */
#define LGUEST_TRAP_ENTRY 0x1F

/* The floor: "int $LGUEST_FLOOR_VECTOR" (from the Guest kernel) enters the
 * Switcher at ring 0 and returns at once, never reaching the Host; with
 * %eax = 1 it also reloads %cr3 twice on the way.  That is the least any
 * hypercall can cost, measured on the same machine in the same run. */
#define LGUEST_FLOOR_VECTOR 0x1E

/* The calls.  Each is checked by the Host where it arrives; a bad argument
 * kills the Guest with a message saying which call and which argument. */
#define LHCALL_FLUSH_ASYNC	0  /* run the async ring; also the null call */
#define LHCALL_LGUEST_INIT	1  /* ebx: gpa of struct lguest_data */
#define LHCALL_SHUTDOWN		2  /* ebx: LGUEST_SHUTDOWN_*, ecx: see below */
#define LHCALL_CONSOLE_WRITE	3  /* ebx: gpa of bytes, ecx: length */
#define LHCALL_NEW_PGTABLE	4  /* ebx: gpa of a page directory */
#define LHCALL_FLUSH_TLB	5  /* ebx: 1 = all, 0 = user mappings only */
#define LHCALL_LOAD_IDT_ENTRY	6  /* ebx: vector, ecx: low word, edx: high */
#define LHCALL_SET_STACK	7  /* ebx: ss, ecx: esp (virtual), edx: pages */
#define LHCALL_TS		8  /* ebx: 1 = set CR0.TS, 0 = clear */
#define LHCALL_SET_CLOCKEVENT	9  /* ebx: nanoseconds from now, 0 = cancel */
#define LHCALL_HALT		10 /* sleep until the next interrupt */
#define LHCALL_SET_PTE		11 /* ebx: pgdir gpa, ecx: vaddr, edx: pte */
#define LHCALL_SET_PGD		12 /* ebx: pgdir gpa, ecx: pgd index */
#define LHCALL_LOAD_TLS		13 /* ebx: gpa of 3 GDT entries (24 bytes) */
#define LHCALL_NOTIFY		14 /* ebx: gpa of a device's QueueNotify, ecx: queue */
#define LHCALL_LOAD_GDT_ENTRY	15 /* ebx: index, ecx: low word, edx: high */
#define LHCALL_SEND_INTERRUPTS	16 /* deliver what irq_pending announced */
#define LHCALL_YIELD		17 /* let the Host run its other Guests first */
#define LHCALL_NR		18

/* LHCALL_SHUTDOWN's kinds.  POWEROFF: ecx is the exit status, 0 to
 * LGUEST_STATUS_MAX.  CRASH: ecx is the gpa of a NUL-terminated message of
 * at most LGUEST_MESSAGE_MAX bytes.  RESTART: the Host boots the Guest
 * again from its original image. */
#define LGUEST_SHUTDOWN_POWEROFF 0
#define LGUEST_SHUTDOWN_CRASH	 1
#define LGUEST_SHUTDOWN_RESTART	 2

#define LGUEST_MESSAGE_MAX	 256
/* One console write carries at most this much; the Guest loops for more. */
#define LGUEST_CONSOLE_WRITE_MAX 4096

/*
 * struct lguest_data: the page the Guest shares with the Host.
 *
 * The Guest registers it with LHCALL_LGUEST_INIT as its first act; from then
 * on both sides read and write it without switching worlds.  That is the
 * point: "cli" becomes a store to irq_enabled instead of a trap.
 */
#define LGUEST_IRQS 32
#define LGUEST_NOIRQ_MAX 64
#define LHCALL_RING_SIZE 64

/* An async ring slot is the Guest's to fill while its status is
 * LHCALL_SLOT_FREE; it sets LHCALL_SLOT_READY when the arguments are in
 * place, and the Host sets it back to free once it has made the call. */
#define LHCALL_SLOT_READY 0x00
#define LHCALL_SLOT_FREE  0xFF

#ifndef __ASSEMBLER__
struct hcall_args {
	u32 call, arg1, arg2, arg3, arg4;
};

struct lguest_data {
	/* X86_EFLAGS_IF (0x200) when the Guest's virtual interrupts are on. */
	u32 irq_enabled;
	/* The Host sets this to X86_EFLAGS_IF when an interrupt is waiting
	 * but irq_enabled kept it out: the Guest then makes
	 * LHCALL_SEND_INTERRUPTS when it enables interrupts again. */
	u32 irq_pending;
	/* Interrupts the Guest does not want, even when enabled (a bitmap). */
	u32 blocked_interrupts[LGUEST_IRQS / 32];

	/* The Host writes the faulting address here before it hands the
	 * Guest a page fault: the Guest cannot read %cr2 itself. */
	u32 cr2;
	/* The Host tells the Guest how fast its TSC runs. */
	u32 tsc_khz;
	/* The Host tells the Guest the top of its usable virtual space: the
	 * Switcher owns everything above. */
	u32 reserve_mem;

	/* The Host tells the Guest the time of day: its real-time clock said
	 * wallclock_sec (seconds since 1970, UTC) when its TSC read
	 * wallclock_tsc.  0 seconds: the machine has no such clock. */
	abi_u64 wallclock_sec;
	abi_u64 wallclock_tsc;

	/* The Guest's "do not interrupt me" range: its iret sequence, read
	 * once at LHCALL_LGUEST_INIT.  At most LGUEST_NOIRQ_MAX bytes, start
	 * <= end: a Guest that never takes interrupts is not one the Host
	 * can wake from a halt. */
	u32 noirq_start, noirq_end;

	/* The asynchronous hypercall ring (see LHCALL_SLOT_*). */
	u8 hcall_status[LHCALL_RING_SIZE];
	struct hcall_args hcalls[LHCALL_RING_SIZE];
};
#endif

#endif
