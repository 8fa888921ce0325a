/*
 * Processes and the scheduler (proc.h).
 *
 * Each process has a kernel stack of its own; a process not running is
 * stopped inside switch_to() on it.  The scheduler is round-robin: a
 * process runs until it yields, exits, or comes back to ring 3 after the
 * timer has said its time is up (the kernel itself is never preempted).
 * The boot context (the kernel's own stack) is where we start and where we
 * come back when no process is runnable, to tidy up after the dead.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "kernel/errno.h"
#include "kernel/exec_args.h"
#include "kernel/proc.h"
#include "fs/fs.h"
#include "fs/devfs.h"
#include "fs/vfs.h"
#include "kernel/signal.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "mm/uaccess.h"

#define TICK_NS 10000000u	/* 10 ms slices */

void switch_to(u32 *save_esp, u32 new_esp);
extern const char trap_exit[];

static struct proc procs[MAX_PROCS];
/* Each process's kernel stack, in the kernel image: contiguous, and no
 * allocation that could fail at fork. */
static u8 kstacks[MAX_PROCS][KSTACK_SIZE] __attribute__((aligned(16)));
static struct proc boot_ctx;
/* PID 1, once proc_start_init made it: orphans become its children. */
static struct proc *init_proc;
static int init_exited;
struct proc *current = &boot_ctx;
static struct proc *fpu_owner;
/* What the CPU (or the Host) holds now, so a switch asks for no change
 * it does not need: each one is a hypercall on the Host. */
static u64 loaded_tls[GDT_ENTRY_TLS_ENTRIES];
static int ts_set;
static int next_pid = 1, need_resched;
static struct proc *run_next;	/* schedule()'s pick, if it can run */

/* The timer: time's up for whoever runs, alarms and timed sleeps that are
 * due end, and the next slice is armed. */
static void tick(struct trap_frame *f)
{
	u64 now = clock_ns();

	need_resched = 1;
	pv_set_clockevent(TICK_NS);
	if (current != &boot_ctx) {
		if ((f->cs & 3) == 3)
			current->utime++;
		else
			current->stime++;
	}
	for (unsigned i = 0; i < MAX_PROCS; i++) {
		struct proc *p = &procs[i];

		if (p->state != PROC_FREE && p->state != PROC_ZOMBIE &&
		    p->alarm_at && now >= p->alarm_at) {
			p->alarm_at = 0;
			signal_send(p, SIGALRM);
		}
		if (p->state == PROC_SLEEPING && p->wake_at && now >= p->wake_at)
			p->state = PROC_RUNNABLE;
	}
}

/* On the way back to ring 3 (traps.c): a preemption point, and where
 * signals are acted on. */
static void returning_to_user(struct trap_frame *f)
{
	if (need_resched)
		schedule();
	signal_deliver(f);
}

/*
 * Lazy FPU switching: a switch sets CR0.TS, and only a process that then
 * uses the FPU takes a device-not-available trap, where the last user's
 * registers are saved and its own loaded.  A process that never touches
 * the FPU never pays for it.
 */
static void fpu_trap(struct trap_frame *f)
{
	pv_clear_ts();
	ts_set = 0;
	if (fpu_owner == current)
		return;
	if (fpu_owner)
		asm volatile("fxsave %0" : "=m"(fpu_owner->fpu));
	if (current->fpu_used)
		asm volatile("fxrstor %0" : : "m"(current->fpu));
	else
		asm volatile("fninit");
	current->fpu_used = 1;
	fpu_owner = current;
}

void fpu_save(struct proc *p)
{
	if (fpu_owner == p)
		asm volatile("fxsave %0" : "=m"(p->fpu));
}

void fpu_reload(struct proc *p)
{
	if (fpu_owner == p)
		asm volatile("fxrstor %0" : : "m"(p->fpu));
}

void fpu_forget(struct proc *p)
{
	p->fpu_used = 0;
	if (fpu_owner != p)
		return;
	/* Its registers are the old program's: the next use traps and
	 * starts clean. */
	fpu_owner = NULL;
	if (!ts_set) {
		pv_set_ts();
		ts_set = 1;
	}
}

/* A fault in a process: memory its areas allow arrives on first touch
 * (vm_fault); anything else is SIGSEGV, which a handler may catch.  With
 * no memory left for the page, the process dies, never the kernel. */
static void page_fault(struct trap_frame *f)
{
	u32 addr = fault_address();
	long r;

	/* The kernel checks a user buffer (user_ok) before writing it, but
	 * while it sleeps in read() a thread sharing the address space may
	 * fork, and the buffer's pages become shared again: a kernel write
	 * to a user page is handled as a ring-3 write would be (CR0.WP makes
	 * it fault, in both worlds; on the Host the error code may say "not
	 * present" for a page the shadow lacks). */
	if ((f->cs & 3) != 3) {
		if (!(f->errcode & 2) || addr >= USER_TOP || !current ||
		    !current->vm || vm_fault(current->vm, addr, 1) < 0)
			trap_unhandled(f);
		return;
	}
	r = vm_fault(current->vm, addr, f->errcode & 2);
	if (!r)
		return;
	if (r == -ENOMEM) {
		printk("[%s (pid %d): out of memory at 0x%x: killed]\n",
		       current->name, current->pid, addr);
		proc_exit(SIGKILL);
	}
	if (signal_is_default(current, SIGSEGV))
		printk("[%s (pid %d) touched 0x%x at eip 0x%x: segmentation fault]\n",
		       current->name, current->pid, addr, f->eip);
	signal_force(current, SIGSEGV);
}

/* The other faults a program can make: each is its signal, as Linux
 * maps them (arch/x86/kernel/traps.c). */
static void program_fault(struct trap_frame *f)
{
	static const u8 sig[32] = {
		[0] = SIGFPE, [1] = SIGTRAP, [3] = SIGTRAP, [4] = SIGSEGV,
		[5] = SIGSEGV, [6] = SIGILL, [9] = SIGFPE, [10] = SIGSEGV,
		[11] = SIGBUS, [12] = SIGBUS, [13] = SIGSEGV, [16] = SIGFPE,
		[17] = SIGBUS, [19] = SIGFPE,
	};

	if ((f->cs & 3) != 3 || f->vector >= 32 || !sig[f->vector])
		trap_unhandled(f);
	if (signal_is_default(current, sig[f->vector]))
		printk("[%s (pid %d): trap %u at eip 0x%x: signal %d]\n",
		       current->name, current->pid, f->vector, f->eip, sig[f->vector]);
	signal_force(current, sig[f->vector]);
}

int proc_others_runnable(void)
{
	for (unsigned i = 0; i < MAX_PROCS; i++)
		if (procs[i].state == PROC_RUNNABLE && &procs[i] != current)
			return 1;
	return 0;
}

void schedule(void)
{
	struct proc *prev = current, *next = &boot_ctx;
	unsigned long flags = pv_save_fl();
	unsigned start = prev == &boot_ctx ? 0 : (unsigned)(prev - procs) + 1;

	pv_irq_disable();
	need_resched = 0;
	for (unsigned i = 0; i < MAX_PROCS; i++) {
		struct proc *p = &procs[(start + i) % MAX_PROCS];

		if (p->state == PROC_RUNNABLE) {
			next = p;
			break;
		}
	}
	if (run_next && run_next->state == PROC_RUNNABLE)
		next = run_next;
	run_next = NULL;
	if (next != prev) {
		current = next;
		if (next != &boot_ctx) {
			/* On the Host, one world switch for all of it: the
			 * stack, TLS and TS wait in the async ring, and the
			 * page-table switch, last, carries them in. */
			pv_lazy_mmu_begin();
			pv_set_kernel_stack((u32)next->kstack + KSTACK_SIZE);
			if (memcmp(loaded_tls, next->tls, sizeof(loaded_tls))) {
				memcpy(loaded_tls, next->tls, sizeof(loaded_tls));
				pv_load_tls(next->tls);
			}
			if (next != fpu_owner && !ts_set) {
				pv_set_ts();
				ts_set = 1;
			}
			mm_switch(&next->vm->mm);
			pv_lazy_mmu_end();
		}
		switch_to(&prev->kernel_esp, next->kernel_esp);
	}
	pv_restore_fl(flags);
}

int sleep_on(const void *chan)
{
	if (signal_pending(current))
		return -EINTR;
	current->wait_chan = chan;
	current->state = PROC_SLEEPING;
	schedule();
	current->wait_chan = NULL;
	return signal_pending(current) ? -EINTR : 0;
}

int sleep_on_timeout(const void *chan, u64 deadline)
{
	int r;

	if (signal_pending(current))
		return -EINTR;
	if (clock_ns() >= deadline)
		return -ETIME;
	current->wake_at = deadline;
	r = sleep_on(chan);
	current->wake_at = 0;
	if (r == 0 && clock_ns() >= deadline)
		return -ETIME;
	return r;
}

void sleep_uninterruptible(const void *chan)
{
	current->wait_chan = chan;
	current->state = PROC_SLEEPING;
	schedule();
	current->wait_chan = NULL;
}

void wakeup(const void *chan)
{
	for (unsigned i = 0; i < MAX_PROCS; i++)
		if (procs[i].state == PROC_SLEEPING && procs[i].wait_chan == chan)
			procs[i].state = PROC_RUNNABLE;
}

void proc_load_tls(struct proc *p)
{
	memcpy(loaded_tls, p->tls, sizeof(loaded_tls));
	pv_load_tls(p->tls);
}

struct proc *proc_by_pid(int pid)
{
	for (unsigned i = 0; i < MAX_PROCS; i++)
		if (procs[i].state != PROC_FREE && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

struct proc *proc_next(struct proc *after)
{
	for (unsigned i = after ? (unsigned)(after - procs) + 1 : 0; i < MAX_PROCS; i++)
		if (procs[i].state != PROC_FREE)
			return &procs[i];
	return NULL;
}

/* A free slot, cleared, with its kernel stack; NULL at the limit. */
static struct proc *proc_alloc(void)
{
	for (unsigned i = 0; i < MAX_PROCS; i++) {
		struct proc *p = &procs[i];

		if (p->state != PROC_FREE)
			continue;
		memset(p, 0, sizeof(*p));
		p->kstack = kstacks[i];
		p->name = p->comm;
		p->umask = 022;
		rlimits_init(p);
		return p;
	}
	return NULL;
}

/* Below its user frame (the top of its kernel stack), p's stack as if it
 * had called switch_to() from trap_exit: its first switch "returns" there
 * and so to ring 3. */
static void proc_ready(struct proc *p)
{
	u32 *k = (u32 *)user_frame(p);

	*--k = (u32)trap_exit;
	for (int i = 0; i < 4; i++)
		*--k = 0;		/* switch_to's four */
	p->kernel_esp = (u32)k;
	p->state = PROC_RUNNABLE;
}

/* A user frame that enters a program at entry with its stack at sp. */
void proc_exec_frame(struct trap_frame *f, u32 entry, u32 sp)
{
	memset(f, 0, sizeof(*f));
	f->ds = f->es = f->ss = USER_DS;
	f->cs = USER_CS;
	f->eip = entry;
	f->esp = sp;
	f->eflags = X86_EFLAGS_IF | 0x2;
}

void proc_set_comm(struct proc *p, const char *path)
{
	const char *base = path;
	unsigned n = 0;

	for (const char *c = path; *c; c++)
		if (*c == '/')
			base = c + 1;
	while (base[n] && n < sizeof(p->comm) - 1) {
		p->comm[n] = base[n];
		n++;
	}
	p->comm[n] = '\0';
}

struct proc *proc_fork(int share_vm, u32 newsp, long *err)
{
	struct proc *parent = current, *p = proc_alloc();
	struct trap_frame *f;

	if (!p) {
		*err = -EAGAIN;
		return NULL;
	}
	if (share_vm) {
		p->vm = parent->vm;
		p->vm->users++;
	} else if (!(p->vm = vm_copy(parent->vm))) {
		*err = -ENOMEM;
		return NULL;		/* the slot is still free */
	}
	p->pid = ++next_pid;
	p->parent = parent;
	p->pgid = parent->pgid;
	p->sid = parent->sid;
	memcpy(p->comm, parent->comm, sizeof(p->comm));
	p->exe = parent->exe ? exe_get(parent->exe) : NULL;
	fd_copy_all(p, parent);
	p->cwd = parent->cwd ? inode_get(parent->cwd) : NULL;
	p->umask = parent->umask;
	memcpy(p->rlim, parent->rlim, sizeof(p->rlim));
	p->sig_blocked = parent->sig_blocked;
	memcpy(p->actions, parent->actions, sizeof(p->actions));
	p->sig_altstack = parent->sig_altstack;
	p->sig_altsize = parent->sig_altsize;
	memcpy(p->tls, parent->tls, sizeof(p->tls));
	fpu_save(parent);
	memcpy(p->fpu, parent->fpu, sizeof(p->fpu));
	p->fpu_used = parent->fpu_used;
	/* It returns from the same system call, with 0. */
	f = user_frame(p);
	*f = *user_frame(parent);
	f->eax = 0;
	if (newsp)
		f->esp = newsp;
	proc_ready(p);
	return p;
}

/* Whoever adopts p's orphans: PID 1, or the kernel (NULL) when there is
 * none or it is PID 1 that dies. */
static struct proc *adopter(struct proc *dying)
{
	return init_proc && init_proc != dying && init_proc->state != PROC_ZOMBIE ? init_proc : NULL;
}

void proc_run_child_first(struct proc *child)
{
	run_next = child;
	need_resched = 1;
}

void proc_release_vm(struct proc *p, struct vm *vm)
{
	pv_lazy_mmu_begin();
	vm_put(vm);
	if (p->parent && p->parent->vm && p->parent->vm != vm)
		vm_take_back(p->parent->vm);
	pv_lazy_mmu_end();
}

void proc_exit(int status)
{
	struct proc *p = current, *heir = adopter(p);

	fd_close_all(p);
	if (p->cwd) {
		inode_put(p->cwd);
		p->cwd = NULL;
	}
	if (p->exe) {
		exe_put(p->exe);
		p->exe = NULL;
	}
	if (p->clear_child_tid && p->vm->users > 1) {
		u32 zero = 0;

		copy_to_user(p->clear_child_tid, &zero, 4);
	}
	if (p->vfork_parent) {
		wakeup(p->vfork_parent);
		p->vfork_parent = NULL;
	}
	/* Off its address space before it goes. */
	mm_switch(&kernel_mm);
	proc_release_vm(p, p->vm);
	p->vm = NULL;
	if (fpu_owner == p)
		fpu_owner = NULL;
	for (unsigned i = 0; i < MAX_PROCS; i++) {
		struct proc *c = &procs[i];

		if (c->state == PROC_FREE || c->parent != p)
			continue;
		c->parent = heir;
		if (c->state == PROC_ZOMBIE && heir) {
			signal_send(heir, SIGCHLD);
			wakeup(heir);
		}
	}
	p->exit_status = status;
	p->alarm_at = 0;
	p->state = PROC_ZOMBIE;
	/* A parent that ignores SIGCHLD leaves the reaping to the kernel,
	 * as Linux does. */
	if (p->parent && p->parent->actions[SIGCHLD - 1].handler == SIG_IGN_HANDLER)
		p->parent = NULL;
	if (p->parent) {
		signal_send(p->parent, SIGCHLD);
		wakeup(p->parent);
	}
	if (p == init_proc)
		init_exited = 1;
	schedule();
	crash("a dead process ran again");
}

/*
 * init's standard input, output and error: the console, as Linux's
 * kernel_init gives them.  /dev is a devtmpfs from the start, as with
 * Linux's CONFIG_DEVTMPFS_MOUNT (mounted once: the test programs started
 * one by one each come here), and the root file system always has a /dev
 * (rootfs.c), so the node is there whatever the initramfs holds (and its
 * /init may mount another on top).
 */
static long open_console(void)
{
	struct inode *dev;
	struct superblock *sb;
	struct file *f;
	long r;

	if (path_walk(current->cwd, "/dev", 1, &dev) == 0 && S_ISDIR(dev->mode) &&
	    !dev->sb->covered && (sb = devfs_new()) != NULL)
		vfs_mount(dev, sb);
	r = vfs_open("/dev/console", O_RDWR, 0, &f);
	if (r < 0) {
		printk("[no console for init: /dev/console: error %ld]\n", -r);
		return 0;
	}
	fd_install(current, f, 0, 0);
	fd_install(current, file_get(f), 1, 0);
	fd_install(current, file_get(f), 2, 0);
	return 0;
}

int proc_spawn(const char *name)
{
	struct proc *p = proc_alloc();
	char path[64];
	char *argv[] = { (char *)name, NULL }, *envp[] = { NULL };
	struct strv args = strv_kernel(argv), env = strv_kernel(envp);
	long r;

	if (!p) {
		printk("[cannot start %s: too many processes]\n", name);
		return -1;
	}
	if (strlen(name) + 2 > sizeof(path)) {
		printk("[cannot start %s: the name is too long]\n", name);
		p->state = PROC_FREE;
		return -1;
	}
	path[0] = '/';
	memcpy(path + 1, name, strlen(name) + 1);
	p->pid = ++next_pid;
	p->pgid = p->sid = p->pid;
	p->cwd = vfs_root();
	proc_set_comm(p, name);
	/* exec works on current: be the new process while it loads, its
	 * page tables built in a batch (on the Host, one world switch). */
	current = p;
	pv_lazy_mmu_begin();
	r = open_console();
	if (r >= 0)
		r = exec_file(path, &args, &env, user_frame(p));
	pv_lazy_mmu_end();
	current = &boot_ctx;
	if (r < 0) {
		printk("[cannot start %s: error %ld]\n", name, -r);
		if (p->cwd)
			inode_put(p->cwd);
		fd_close_all(p);
		p->state = PROC_FREE;
		return -1;
	}
	proc_ready(p);
	return p->pid;
}

int proc_start_init(const char *path, char *const argv[], char *const envp[])
{
	struct strv args = strv_kernel(argv), env = strv_kernel(envp);
	struct proc *p = proc_alloc();
	long r;

	if (!p || init_proc)
		return -EAGAIN;
	/* In session 0 and group 0, as Linux's init starts (the idle task's):
	 * no group leader, so its setsid() succeeds without a fork. */
	p->pid = 1;
	p->cwd = vfs_root();
	proc_set_comm(p, path);
	/* exec works on current: be PID 1 while it loads. */
	current = p;
	r = open_console();
	if (r >= 0)
		r = exec_file(path, &args, &env, user_frame(p));
	current = &boot_ctx;
	if (r < 0) {
		printk("[cannot start %s as PID 1: error %ld]\n", path, -r);
		if (p->cwd)
			inode_put(p->cwd);
		fd_close_all(p);
		p->state = PROC_FREE;
		return (int)r;
	}
	init_proc = p;
	proc_ready(p);
	return 0;
}

/* What a shell says of a wait status: the code, or 128 + the signal. */
static int shell_status(int status)
{
	return status & 0x7F ? 128 + (status & 0x7F) : (status >> 8) & 0xFF;
}

static int quiet;

int proc_run_all_quietly(void)
{
	int status;

	quiet = 1;
	status = proc_run_all();
	quiet = 0;
	return status;
}

int proc_run_all(void)
{
	static int handlers_set;
	int first = -1, first_status = 0, left, sleeping;

	/* Once: each gate is a hypercall on the Host, and spawn-bench comes
	 * here for every process. */
	if (!handlers_set) {
		static const u8 faults[] = { 0, 1, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 19 };

		set_trap_handler(TIMER_VECTOR, tick, 0);
		set_trap_handler(7, fpu_trap, 0);
		set_trap_handler(14, page_fault, 0);
		for (unsigned i = 0; i < sizeof(faults); i++)
			set_trap_handler(faults[i], program_fault, faults[i] == 3 || faults[i] == 4);
		set_syscall_handler(syscall_dispatch);
		handlers_set = 1;
	}
	user_return_hook = returning_to_user;
	for (unsigned i = 0; i < MAX_PROCS; i++)
		if (procs[i].state == PROC_RUNNABLE && first < 0)
			first = (int)i;
	pv_set_clockevent(TICK_NS);
	pv_irq_enable();
	do {
		schedule();
		/* Back here: nobody was runnable.  Bury the dead nobody waits
		 * for. */
		left = 0;
		sleeping = 0;
		for (unsigned i = 0; i < MAX_PROCS; i++) {
			struct proc *p = &procs[i];

			if (p->state == PROC_ZOMBIE && (!p->parent || p == init_proc)) {
				if (!quiet)
					printk("[%s (pid %d) exited with status %d]\n",
					       p->name, p->pid, shell_status(p->exit_status));
				if ((int)i == first)
					first_status = shell_status(p->exit_status);
				p->state = PROC_FREE;
			}
			left += p->state == PROC_RUNNABLE;
			sleeping += p->state == PROC_SLEEPING;
		}
		if (init_exited) {
			first_status = shell_status(init_proc->exit_status);
			init_proc = NULL;
			init_exited = 0;
			break;
		}
		/* All asleep: wait for the interrupt that wakes one (the
		 * check and the halt with interrupts off, so none is missed). */
		if (!left && sleeping) {
			pv_irq_disable();
			if (!proc_others_runnable())
				pv_safe_halt();
			pv_irq_enable();
			left = 1;
		}
	} while (left);
	pv_irq_disable();
	pv_set_clockevent(0);
	return first_status;
}
