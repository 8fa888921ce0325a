/*
 * Processes: programs from the initrd, each in its own address space, run
 * by a round-robin scheduler that the timer preempts, and served Linux's
 * i386 system calls.
 */
#ifndef GUEST_PROC_H
#define GUEST_PROC_H

#include <lguest/segments.h>
#include "mm/mm.h"
#include "mm/vm.h"
#include "x86/traps.h"

#define MAX_PROCS	64
/* Two pages: a path walk and a signal frame must fit below a trap. */
#define KSTACK_SIZE	8192

enum proc_state { PROC_FREE, PROC_RUNNABLE, PROC_SLEEPING, PROC_STOPPED, PROC_ZOMBIE };

#define MAX_FDS		256	/* RLIMIT_NOFILE's hard limit */
#define NSIG		64

/* Resource limits, numbered as Linux numbers them. */
#define RLIMIT_FSIZE	1
#define RLIMIT_STACK	3
#define RLIMIT_CORE	4
#define RLIMIT_NPROC	6
#define RLIMIT_NOFILE	7
#define RLIMIT_MEMLOCK	8
#define RLIMIT_MSGQUEUE	12
#define RLIMIT_NICE	13
#define RLIMIT_RTPRIO	14
#define RLIM_NLIMITS	16
#define RLIM_INFINITY	(~0ull)

struct rlimit_k {
	u64 cur, max;
};

struct file;
struct inode;
struct vm;

/* What rt_sigaction sets (Linux's struct k_sigaction, i386). */
struct sigaction_k {
	u32 handler, flags, restorer;
	u64 mask;
};

/* A program's path, counted: fork shares it, exec and exit let go. */
struct exe_path {
	int refs;
	char path[];
};
struct exe_path *exe_get(struct exe_path *e);
void exe_put(struct exe_path *e);

struct proc {
	enum proc_state state;
	int pid;
	const char *name;		/* its comm, for the kernel's messages */
	struct vm *vm;			/* shared while a vfork child runs */
	u8 *kstack;			/* KSTACK_SIZE bytes, contiguous */
	u32 kernel_esp;			/* saved by switch_to() */
	u64 tls[GDT_ENTRY_TLS_ENTRIES];
	u8 fpu[512] __attribute__((aligned(16)));	/* fxsave area */
	int fpu_used;
	/* As wait4 reports it: the code << 8, or the signal that ended it. */
	int exit_status;

	/* Its family: session and process group as setsid/setpgid leave
	 * them. */
	struct proc *parent;
	int pgid, sid;
	char comm[16];			/* what ps shows: exec's file name */
	/* The canonical path of the program it runs (/proc/PID/exe), shared
	 * with its forks; NULL once it has exited. */
	struct exe_path *exe;

	/* Sleeping: what it waits for (sleep_on), and when the tick ends the
	 * wait whatever happens (sleep_on_timeout; 0: never). */
	const void *wait_chan;
	u64 wake_at;

	/* Files: its descriptors (fs/file.c), where relative paths start, and
	 * the mode bits its creations lose. */
	struct file *fds[MAX_FDS];
	u8 cloexec[MAX_FDS / 8];
	struct inode *cwd;
	u32 umask;
	/* setrlimit's, inherited by a fork (sys_info.c). */
	struct rlimit_k rlim[RLIM_NLIMITS];

	/* Signals: bit n-1 for signal n. */
	u64 sig_pending, sig_blocked;
	struct sigaction_k actions[NSIG];
	/* rt_sigsuspend's mask to put back once its handler has run. */
	u64 saved_blocked;
	int restore_blocked;
	u32 sig_altstack, sig_altsize;	/* sigaltstack's, 0 if none */
	/* A stop (SIGSTOP and the like), and whether wait4 has told its
	 * parent. */
	int stop_sig, stop_reported;
	/* A timed wait a signal interrupted, to go on to its first deadline
	 * if no handler runs (Linux's restart_block): what restart_syscall
	 * (number 0) runs, with the wait's deadline and arguments. */
	struct restart_block {
		long (*fn)(struct restart_block *r);
		u64 deadline;
		u32 arg[3];
	} restart;

	/* set_tid_address: zeroed at exit (CLONE_CHILD_CLEARTID). */
	u32 clear_child_tid;
	/* A vfork child: its parent waits until it execs or exits. */
	struct proc *vfork_parent;
	/* alarm(2): when SIGALRM is due, in ns of the monotonic clock (0:
	 * none). */
	u64 alarm_at;
	/* The system call it is in (for restarting it after a signal). */
	u32 syscall_nr;
	/* times(2): ticks in user mode and in the kernel, its own and its
	 * waited-for children's. */
	u32 utime, stime, cutime, cstime;
};

extern struct proc *current;

/* The limits a process starts with when the kernel starts it. */
void rlimits_init(struct proc *p);

/* The descriptors p may use: 0 to this, less one (RLIMIT_NOFILE). */
static inline u32 fd_limit(const struct proc *p)
{
	return p->rlim[RLIMIT_NOFILE].cur < MAX_FDS ? (u32)p->rlim[RLIMIT_NOFILE].cur : MAX_FDS;
}

/* Start program name from the initrd; returns its pid, or -1 with a
 * message printed.  Its parent is the kernel: it is reaped by
 * proc_run_all, which prints its status. */
int proc_spawn(const char *name);
/* PID 1 from the file system (argv and envp NULL-terminated); 0, or -errno
 * with a message printed.  proc_run_all returns when it exits. */
int proc_start_init(const char *path, char *const argv[], char *const envp[]);
/* Run processes until none is left, or PID 1 has exited; returns the first
 * one's status (a signal's death as 128 + the signal, as a shell says). */
int proc_run_all(void);
/* The same, without a line for each process that ends. */
int proc_run_all_quietly(void);

/* exec.c: replace current's program with the one at path (a static i386
 * ELF executable, or a #! script); on success f is set to enter it.
 * argv and envp are the caller's lists (exec_args.h); a script's changes
 * argv. */
struct strv;
long exec_file(const char *path, struct strv *argv, struct strv *envp, struct trap_frame *f);

/* A user frame that enters a program at entry with its stack at sp. */
void proc_exec_frame(struct trap_frame *f, u32 entry, u32 sp);
/* comm: the last part of path, cut to 15 characters. */
void proc_set_comm(struct proc *p, const char *path);

/* The frame of p's last trap from ring 3: the top of its kernel stack. */
static inline struct trap_frame *user_frame(struct proc *p)
{
	return (struct trap_frame *)(p->kstack + KSTACK_SIZE) - 1;
}

/* syscall.c */
void syscall_dispatch(struct trap_frame *f);
/* Log every system call (the command line's "strace"). */
extern int syscall_trace;
int user_range_ok(struct proc *p, u32 addr, u32 len);

/* proc.c, for the system calls. */
/* End current with a wait status (code << 8, or a signal number). */
void proc_exit(int status) __attribute__((noreturn));
struct proc *proc_by_pid(int pid);
/* For kill(-1) and process groups: every live process in turn. */
struct proc *proc_next(struct proc *after);
/* fork/vfork/clone: a copy of current (sharing its vm if share_vm), to
 * return 0 to at newsp (0: the same stack); the child, or NULL with
 * *err. */
struct proc *proc_fork(int share_vm, u32 newsp, long *err);
/* A forked child runs before its parent goes on, as Linux's
 * sched_child_runs_first had it: a child that execs at once lets go of
 * the pages fork shared before its parent writes them, and the parent
 * takes them back in one batch (proc_release_vm) instead of a fault
 * each. */
void proc_run_child_first(struct proc *child);
/* p lets go of vm (its exec, its exit; never the one loaded), and its
 * parent takes back the pages they shared (vm_take_back), in one batch. */
void proc_release_vm(struct proc *p, struct vm *vm);
/* Lazy FPU: make p->fpu hold p's registers; after changing p->fpu, make
 * the CPU hold them if p owns it. */
void fpu_save(struct proc *p);
void fpu_reload(struct proc *p);
/* exec: p's FPU registers start afresh at its next use. */
void fpu_forget(struct proc *p);
/* Sleep on chan until woken, whatever signals come (vfork's parent). */
void sleep_uninterruptible(const void *chan);
/* The monotonic clock, from the TSC, in ns since boot. */
u64 clock_ns(void);
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
/* The same with a deadline on clock_ns(): -ETIME once it has passed (then
 * or on waking; the timer's tick, every 10 ms, ends the sleep), and
 * without sleeping at all if it already had.  -EINTR wins over -ETIME. */
int sleep_on_timeout(const void *chan, u64 deadline);
void wakeup(const void *chan);
/* Make sig pending for p and wake it if it sleeps (kernel/signal.c acts
 * on it on p's way back to ring 3). */
void signal_send(struct proc *p, int sig);
/* A signal p does not block is pending. */
int signal_pending(const struct proc *p);

#endif
