/*
 * Behaviours for traps and interrupts (tests/boot/traps.sh), each failing
 * when its mechanism breaks: a fault handled and resumed, a page fault
 * with the right address, the timer held off by the interrupt flag and let
 * in by turning it on, halt woken by the clock, and a program's system
 * call reaching the kernel straight from ring 3.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "mm/mm.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"
#include "x86/traps.h"

static volatile u32 traps_seen, last_cr2, last_err, ticks;

static void finish_ok(const char *what)
{
	printk("%s: ok\n", what);
}

/* A divide error: the handler steps over the 2-byte "div %ecx". */
static void divide_handler(struct trap_frame *f)
{
	traps_seen++;
	f->eip += 2;
}

static void test_divide(void)
{
	u32 a = 7, d = 0, zero = 0;

	set_trap_handler(0, divide_handler, 0);
	asm volatile("div %2" : "+a"(a), "+d"(d) : "c"(zero));
	if (traps_seen != 1)
		crash("trap-divide: the handler ran %u times", traps_seen);
	finish_ok("trap-divide");
}

static void int3_handler(struct trap_frame *f)
{
	traps_seen++;
}

static void test_int3(void)
{
	set_trap_handler(3, int3_handler, 0);
	asm volatile("int3; int3");
	if (traps_seen != 2)
		crash("trap-int3: the handler ran %u times", traps_seen);
	finish_ok("trap-int3");
}

/* A page fault: the address and error code as the CPU gave them, then the
 * 2-byte load ("movl (%eax), %ebx") stepped over. */
static void fault_handler(struct trap_frame *f)
{
	traps_seen++;
	last_cr2 = fault_address();
	last_err = f->errcode;
	f->eip += 2;
}

static void test_page_fault(void)
{
	u32 out;

	set_trap_handler(14, fault_handler, 0);
	asm volatile(".byte 0x8b, 0x18" : "=b"(out) : "a"(0x80000004u) : "memory");
	if (traps_seen != 1 || last_cr2 != 0x80000004u || last_err != 0)
		crash("trap-page-fault: %u faults, cr2 0x%x, error code 0x%x",
		      traps_seen, last_cr2, last_err);
	asm volatile(".byte 0x89, 0x18" : : "a"(0x80000008u), "b"(0) : "memory");
	if (traps_seen != 2 || last_cr2 != 0x80000008u || last_err != 2)
		crash("trap-page-fault: the write gave cr2 0x%x, error code 0x%x",
		      last_cr2, last_err);
	finish_ok("trap-page-fault");
}

static void timer_handler(struct trap_frame *f)
{
	ticks++;
}

/* Wait about ms milliseconds by the TSC, without halting. */
static void spin_ms(u32 ms)
{
	u64 end = rdtsc() + (u64)ms * lguest_data.tsc_khz;

	while (rdtsc() < end)
		;
}

/* The timer is held off while interrupts are off, and arrives the moment
 * they are on again: on the Host by irq_pending and
 * LHCALL_SEND_INTERRUPTS. */
static void test_irq_flag(void)
{
	set_trap_handler(TIMER_VECTOR, timer_handler, 0);
	pv_irq_disable();
	pv_set_clockevent(200000);	/* 200 us */
	spin_ms(5);
	if (ticks)
		crash("irq-flag: the timer came in while interrupts were off");
	pv_irq_enable();
	if (ticks != 1)
		crash("irq-flag: %u ticks right after turning interrupts on (want 1)", ticks);
	finish_ok("irq-flag");
}

/* Halt sleeps until the clock event; the timer wakes it.  Another
 * device's interrupt may wake it first (the console's, when the end of
 * the user's input arrives), but a halt never returns for nothing: a
 * handful of wakes at most before the timer's. */
static void test_halt(void)
{
	u64 t0, t1;
	unsigned halts = 0;

	set_trap_handler(TIMER_VECTOR, timer_handler, 0);
	pv_irq_disable();
	pv_set_clockevent(2000000);	/* 2 ms */
	t0 = rdtsc();
	while (!ticks && halts++ < 4) {
		pv_safe_halt();
		pv_irq_disable();
	}
	pv_irq_enable();
	t1 = rdtsc();
	/* The timer's own interrupt woke it.  (How long it slept is no test:
	 * under a loaded TCG the timer's calibration is a few percent off,
	 * and natively far more.) */
	if (ticks != 1)
		crash("halt: %u ticks after %u halts (want 1)", ticks, halts);
	printk("halt: slept %llu us\n", (t1 - t0) * 1000 / lguest_data.tsc_khz);
	finish_ok("halt");
}

/* "clock hz=N ms=M": N clock events a second for M milliseconds, each
 * armed from the last one's handler, counted. */
static void rearm_handler(struct trap_frame *f)
{
	ticks++;
	pv_set_clockevent(1000000000u / (u32)cmdline_number("hz", 1000));
}

static void test_clock(void)
{
	u32 hz = (u32)cmdline_number("hz", 1000), ms = (u32)cmdline_number("ms", 200);
	u64 t0;

	set_trap_handler(TIMER_VECTOR, rearm_handler, 0);
	pv_irq_enable();
	t0 = rdtsc();
	pv_set_clockevent(1000000000u / hz);
	while (rdtsc() - t0 < (u64)ms * lguest_data.tsc_khz)
		pv_safe_halt();
	pv_irq_disable();
	printk("clock: %u ticks at %u Hz in %u ms\n", ticks, hz, ms);
}

/*
 * A program's system call: ring 3 code in a user page does "int $0x80"
 * with %eax = 1, then %eax = 2.  On the Host the gate is a direct trap:
 * the CPU takes it straight to our handler at ring 1, on the stack
 * LHCALL_SET_STACK gave.
 */
static u8 syscall_stack[4096] __attribute__((aligned(16)));
static volatile u32 syscalls, bad_frames;
static u32 syscall_count;

static void syscall_handler(struct trap_frame *f)
{
	u32 here = (u32)&f;

	if ((f->cs & 3) != 3 || here < (u32)syscall_stack ||
	    here >= (u32)syscall_stack + sizeof(syscall_stack))
		bad_frames++;
	syscalls++;
	if (f->eax == 2) {
		if (bad_frames || syscalls != syscall_count + 1)
			crash("syscall: %u calls, %u not from ring 3 on the kernel stack",
			      syscalls, bad_frames);
		printk("syscall: %u system calls from ring 3 reached the kernel\n", syscalls);
		power_off((unsigned)cmdline_number("exit", 0));
	}
}

/* int $0x80 with %eax = 1, %ecx times; then with %eax = 2; then spin. */
static const u8 user_code[] = {
	0xb8, 1, 0, 0, 0,		/* 0: mov $1, %eax */
	0xe3, 0x04,			/* 5: jecxz 11 */
	0xcd, 0x80,			/* 7: int $0x80 */
	0xe2, 0xfa,			/* 9: loop 5 */
	0xb8, 2, 0, 0, 0,		/* 11: mov $2, %eax */
	0xcd, 0x80,			/* 16: int $0x80 */
	0xeb, 0xfe,			/* 18: jmp . */
};

static void test_syscall(void)
{
	const u32 code_va = 0x40000000u, stack_va = 0x40001000u;
	static struct mm user;
	u32 frame = frame_alloc();

	syscall_count = (u32)cmdline_number("count", 100);
	mm_create(&user);
	mm_map(&user, code_va, frame, PTE_RW | PTE_USER);
	mm_map(&user, stack_va, frame_alloc(), PTE_RW | PTE_USER);
	memcpy(__va(frame), user_code, sizeof(user_code));
	mm_switch(&user);
	set_syscall_handler(syscall_handler);
	pv_set_kernel_stack((u32)syscall_stack + sizeof(syscall_stack));
	asm volatile("movl %[ds], %%eax; movl %%eax, %%ds; movl %%eax, %%es\n\t"
		     "pushl %[ds]; pushl %[sp]; pushfl; pushl %[cs]; pushl %[ip]; iret"
		     : : [ds] "i"(USER_DS), [sp] "i"(stack_va + 4096), [cs] "i"(USER_CS),
		       [ip] "r"(code_va), "c"(syscall_count) : "eax", "memory");
	crash("syscall: came back from ring 3");
}

/*
 * "test=irq-bench count=N": what delivering one timer interrupt costs.
 * With interrupts off, the clock event is set and left to fall due (on the
 * Host, until the Host has tried to deliver it and set irq_pending); then
 * turning interrupts on lets it in (on the Host: irq_pending, then
 * LHCALL_SEND_INTERRUPTS, the delivery through our IDT and our iret), and
 * the TSC from there to after the handler is its price.
 */
static void test_irq_bench(void)
{
	u32 n = (u32)cmdline_number("count", 1000);
	u64 total = 0;

	set_trap_handler(TIMER_VECTOR, timer_handler, 0);
	for (u32 i = 0; i < n; i++) {
		u64 t0, due;

		pv_irq_disable();
		pv_set_clockevent(10000);
		/* Until the Host says it holds the interrupt back (irq_pending),
		 * or natively for long enough that the timer surely fired: QEMU
		 * notices an expired timer only when its main loop runs. */
		due = rdtsc() + (u64)lguest_data.tsc_khz * 5;	/* 5 ms */
		while (!lguest_data.irq_pending && rdtsc() < due)
			;
		t0 = rdtsc();
		pv_irq_enable();
		total += rdtsc() - t0;
		/* Natively it may still be on its way (a busy machine's QEMU
		 * can take longer than 5 ms): it must not fall into the next
		 * round, nor be missed at the end. */
		due = rdtsc() + (u64)lguest_data.tsc_khz * 100;
		while (ticks != i + 1 && rdtsc() < due)
			;
	}
	if (ticks != n)
		crash("irq-bench: %u interrupts for %u clock events", ticks, n);
	printk("irq-bench: %u interrupts delivered in %llu TSC ticks\n", n, total);
}

GUEST_TEST("irq-bench", test_irq_bench);
GUEST_TEST("trap-divide", test_divide);
GUEST_TEST("trap-int3", test_int3);
GUEST_TEST("trap-page-fault", test_page_fault);
GUEST_TEST("irq-flag", test_irq_flag);
GUEST_TEST("halt", test_halt);
GUEST_TEST("clock", test_clock);
GUEST_TEST("syscall", test_syscall);
