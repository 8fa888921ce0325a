/*
 * Processes: programs from the initrd, each in its own address space, run
 * by a round-robin scheduler that the timer preempts, and served Linux's
 * i386 system calls.
 */
#ifndef GUEST_PROC_H
#define GUEST_PROC_H

#include <lguest/segments.h>
#include "mm/mm.h"
#include "x86/traps.h"

#define MAX_PROCS	16
#define KSTACK_SIZE	4096
#define USER_TOP	0xC0000000u	/* the kernel's half starts here */
#define STACK_TOP	0xBFFFF000u
#define STACK_MAX	(256u * 1024)
#define MMAP_BASE	0x40000000u
#define MAX_REGIONS	8

enum proc_state { PROC_FREE, PROC_RUNNABLE, PROC_ZOMBIE };

/* A range of user memory filled with zeroed pages as it is touched. */
struct region {
	u32 start, end;
};

struct proc {
	enum proc_state state;
	int pid;
	const char *name;
	struct mm mm;
	u8 *kstack;			/* its kernel stack's page */
	u32 kernel_esp;			/* saved by switch_to() */
	u32 brk_start, brk;
	struct region regions[MAX_REGIONS];	/* brk, stack, mmaps */
	u32 mmap_next;
	u64 tls[GDT_ENTRY_TLS_ENTRIES];
	u8 fpu[512] __attribute__((aligned(16)));	/* fxsave area */
	int fpu_used;
	int exit_status;
};

extern struct proc *current;

/* Start program name from the initrd; returns its pid, or -1 with a
 * message printed. */
int proc_spawn(const char *name);
/* Run processes until none is left; returns the first one's status. */
int proc_run_all(void);
/* The same, without a line for each process that ends. */
int proc_run_all_quietly(void);

/* exec.c: load an ELF program into p's fresh address space and set up its
 * stack; returns the entry point and *sp, or 0 if it is not a program. */
u32 exec_load(struct proc *p, const void *elf, u32 size, u32 *sp);

/* syscall.c */
void syscall_dispatch(struct trap_frame *f);
int user_range_ok(struct proc *p, u32 addr, u32 len);
/* The memory a user address belongs to, or NULL. */
struct region *proc_region(struct proc *p, u32 addr);

/* proc.c, for the system calls. */
void proc_exit(int status) __attribute__((noreturn));
void schedule(void);
/* Is a process other than current waiting to run? */
int proc_others_runnable(void);
/* Load p's TLS entries (p is running, and changed them). */
void proc_load_tls(struct proc *p);

#endif
