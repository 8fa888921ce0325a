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
#include "fs/initrd.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "kernel/errno.h"
#include "kernel/proc.h"

#define TICK_NS 10000000u	/* 10 ms slices */

void switch_to(u32 *save_esp, u32 new_esp);
extern const char trap_exit[];

static struct proc procs[MAX_PROCS];
static struct proc boot_ctx;
struct proc *current = &boot_ctx;
static struct proc *fpu_owner;
/* What the CPU (or the Host) holds now, so a switch asks for no change
 * it does not need: each one is a hypercall on the Host. */
static u64 loaded_tls[GDT_ENTRY_TLS_ENTRIES];
static int ts_set;
static int next_pid = 1, need_resched;

/* The timer: time's up for whoever runs; the next slice is armed. */
static void tick(struct trap_frame *f)
{
	need_resched = 1;
	pv_set_clockevent(TICK_NS);
}

/* On the way back to ring 3 (traps.c): a preemption point. */
static void returning_to_user(struct trap_frame *f)
{
	if (need_resched)
		schedule();
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

/* A fault in a process: memory it may have (its brk, stack or mappings)
 * arrives zeroed on first touch; anything else ends it, as Linux would
 * with SIGSEGV. */
static void page_fault(struct trap_frame *f)
{
	u32 addr = fault_address();
	struct region *r;

	if ((f->cs & 3) != 3)
		trap_unhandled(f);
	r = proc_region(current, addr);
	if (r && !(f->errcode & 1)) {
		/* Accessed (and dirty, for a write) already: we are about to
		 * touch it, and on the Host that lets the shadow entry be made
		 * now rather than on one more fault. */
		mm_map(&current->mm, addr & PAGE_MASK, __pa(page_zalloc()),
		       PTE_RW | PTE_USER | PTE_ACCESSED | (f->errcode & 2 ? PTE_DIRTY : 0));
		return;
	}
	printk("[%s (pid %d) touched 0x%x at eip 0x%x: segmentation fault]\n",
	       current->name, current->pid, addr, f->eip);
	proc_exit(128 + 11);
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
			mm_switch(&next->mm);
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

void wakeup(const void *chan)
{
	for (unsigned i = 0; i < MAX_PROCS; i++)
		if (procs[i].state == PROC_SLEEPING && procs[i].wait_chan == chan)
			procs[i].state = PROC_RUNNABLE;
}

void signal_send(struct proc *p, int sig)
{
	if (sig < 1 || sig > NSIG)
		return;
	p->sig_pending |= 1ull << (sig - 1);
	if (p->state == PROC_SLEEPING && signal_pending(p))
		p->state = PROC_RUNNABLE;
}

int signal_pending(const struct proc *p)
{
	return (p->sig_pending & ~p->sig_blocked) != 0;
}

void proc_load_tls(struct proc *p)
{
	memcpy(loaded_tls, p->tls, sizeof(loaded_tls));
	pv_load_tls(p->tls);
}

void proc_exit(int status)
{
	current->state = PROC_ZOMBIE;
	current->exit_status = status;
	if (fpu_owner == current)
		fpu_owner = NULL;
	schedule();
	crash("a dead process ran again");
}

int proc_spawn(const char *name)
{
	struct proc *p = NULL;
	const void *elf;
	u32 size, entry, sp, *k;

	for (unsigned i = 0; i < MAX_PROCS && !p; i++)
		if (procs[i].state == PROC_FREE)
			p = &procs[i];
	elf = initrd_find(name, &size);
	if (!p || !elf) {
		printk("[cannot start %s: %s]\n", name, p ? "not in the initrd" : "too many processes");
		return -1;
	}
	memset(p, 0, sizeof(*p));
	p->name = name;
	p->pid = ++next_pid;
	mm_create(&p->mm);
	p->mmap_next = MMAP_BASE;
	/* Its page tables are built in a batch: on the Host, one world
	 * switch for them all. */
	pv_lazy_mmu_begin();
	entry = exec_load(p, elf, size, &sp);
	pv_lazy_mmu_end();
	if (!entry) {
		printk("[cannot start %s: not a static i386 executable]\n", name);
		mm_destroy(&p->mm);
		return -1;
	}
	p->kstack = page_zalloc();
	/* Its kernel stack as if it had trapped from its first instruction,
	 * and below that as if it had called switch_to(): its first switch
	 * "returns" into trap_exit and so to ring 3. */
	k = (u32 *)(p->kstack + KSTACK_SIZE);
	*--k = USER_DS;			/* ss */
	*--k = sp;			/* esp */
	*--k = X86_EFLAGS_IF | 0x2;	/* eflags */
	*--k = USER_CS;			/* cs */
	*--k = entry;			/* eip */
	*--k = 0;			/* error code */
	*--k = 0;			/* vector */
	*--k = USER_DS;			/* ds */
	*--k = USER_DS;			/* es */
	*--k = 0;			/* fs */
	*--k = 0;			/* gs */
	for (int i = 0; i < 8; i++)
		*--k = 0;		/* pushal's eight */
	*--k = (u32)trap_exit;
	for (int i = 0; i < 4; i++)
		*--k = 0;		/* switch_to's four */
	p->kernel_esp = (u32)k;
	p->state = PROC_RUNNABLE;
	return p->pid;
}

/* Every frame mapped in the user half goes back: its program, stack, brk
 * and mappings are its alone. */
static void free_user_memory(struct proc *p)
{
	for (u32 i = 0; i < KERNEL_PGD_FIRST; i++) {
		u32 pde = p->mm.pgdir[i];
		const u32 *pt;

		if (!(pde & PTE_PRESENT))
			continue;
		pt = __va(pde & PAGE_MASK);
		for (u32 j = 0; j < 1024; j++)
			if (pt[j] & PTE_PRESENT)
				frame_free(pt[j] & PAGE_MASK);
	}
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
		set_trap_handler(TIMER_VECTOR, tick, 0);
		set_trap_handler(7, fpu_trap, 0);
		set_trap_handler(14, page_fault, 0);
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
		/* Back here: nobody was runnable.  Bury the dead. */
		left = 0;
		sleeping = 0;
		for (unsigned i = 0; i < MAX_PROCS; i++) {
			struct proc *p = &procs[i];

			if (p->state == PROC_ZOMBIE) {
				if (!quiet)
					printk("[%s (pid %d) exited with status %d]\n",
					       p->name, p->pid, p->exit_status);
				if ((int)i == first)
					first_status = p->exit_status;
				mm_switch(&kernel_mm);
				free_user_memory(p);
				mm_destroy(&p->mm);
				frame_free(__pa(p->kstack));
				p->state = PROC_FREE;
			}
			left += p->state == PROC_RUNNABLE;
			sleeping += p->state == PROC_SLEEPING;
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
