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

#define MAX_PROCS	64
#define KSTACK_SIZE	4096
#define USER_TOP	0xC0000000u	/* the kernel's half starts here */
#define STACK_TOP	0xBFFFF000u
#define STACK_MAX	(256u * 1024)
#define MMAP_BASE	0x40000000u
#define MAX_REGIONS	8

enum proc_state { PROC_FREE, PROC_RUNNABLE, PROC_SLEEPING, PROC_ZOMBIE };

#define MAX_FDS		256	/* RLIMIT_NOFILE's soft limit */
#define NSIG		64

struct file;
struct inode;

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

	/* Its family: session and process group as setsid/setpgid leave
	 * them. */
	struct proc *parent;
	int pgid, sid;
	char comm[16];			/* what ps shows: exec's file name */

	/* Sleeping: what it waits for (sleep_on), and whether a signal may
	 * end the wait. */
	const void *wait_chan;

	/* Files: its descriptors (fs/file.c), where relative paths start, and
	 * the mode bits its creations lose. */
	struct file *fds[MAX_FDS];
	u8 cloexec[MAX_FDS / 8];
	struct inode *cwd;
	u32 umask;

	/* Signals: bit n-1 for signal n. */
	u64 sig_pending, sig_blocked;
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

/*
 * Waiting, as xv6 does it: the kernel is never preempted, so a process
 * that finds nothing to do sleeps on a channel (any address that names
 * what it waits for: a pipe, a tty, a child) and whoever changes that
 * thing wakes every sleeper on it.  A sleeper checks its condition again
 * when it wakes; wake-ups may be spurious.
 *
 * sleep_on() returns 0 on a wake-up, or -EINTR when a signal the process
 * does not block is pending (then or on arrival): the system call should
 * give up with that (kernel/signal.c decides about restarting).
 */
int sleep_on(const void *chan);
void wakeup(const void *chan);
/* Make sig pending for p and wake it if it sleeps (kernel/signal.c acts
 * on it on p's way back to ring 3). */
void signal_send(struct proc *p, int sig);
/* A signal p does not block is pending. */
int signal_pending(const struct proc *p);

#endif
