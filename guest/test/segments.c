/*
 * Segment behaviours: the Guest changes its GDT and TLS entries through
 * pv, and uses them the way a C library does (see host/core/segments.c for
 * the Host's side, and tests/boot/segments.sh for what is checked).
 *
 * glibc on i386 points %gs at the thread control block, which sits right
 * after the thread's static TLS: variables live at negative offsets, read
 * as %gs:-4, %gs:-8 and so on.  The segment is 4 GiB long, so the offset
 * wraps round to just below the base.
 */
#include "drivers/console.h"
#include "x86/desc.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "mm/mm.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"

#define TLS_SEL		(GDT_ENTRY_TLS_MIN * 8 + 3)
#define STR(x)		#x
#define XSTR(x)		STR(x)
#define SPARE_ENTRY	12	/* one of the Guest's entries nobody uses */

static void check(int ok, const char *what)
{
	test_check("segments", ok, what);
}

static void finish(void)
{
	test_finish("segments");
}

/* The TLS block: 16 bytes, then the thread pointer (the segment's base). */
static u32 tls_block[4] __attribute__((aligned(16)));
static u64 tls[GDT_ENTRY_TLS_ENTRIES];

static void load_tls_block(void)
{
	static const u32 init[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };

	for (int i = 0; i < 4; i++)
		tls_block[i] = init[i];
	tls[0] = seg_desc((u32)&tls_block[4], 0xFFFFF, ACC_DATA_DPL3, 1);
	tls[1] = tls[2] = 0;
	pv_load_tls(tls);
}

static u32 read_gs_sel(void)
{
	u32 v;

	asm volatile("movl %%gs, %0" : "=r"(v));
	return v & 0xFFFF;
}

static void test_tls(void)
{
	u32 a, b;

	load_tls_block();
	asm volatile("movl %0, %%gs" : : "r"(TLS_SEL));
	asm volatile("movl %%gs:-4, %0; movl %%gs:-16, %1" : "=r"(a), "=r"(b));
	check(a == 0x44444444 && b == 0x11111111, "%gs:-4 and %gs:-16 read the TLS block's last and first words");
	asm volatile("movl %0, %%gs:-8" : : "r"(0xC0FFEE));
	check(tls_block[2] == 0xC0FFEE, "a write to %gs:-8 lands in the block");
	hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	asm volatile("movl %%gs:-12, %0" : "=r"(a));
	check(read_gs_sel() == TLS_SEL && a == 0x22222222, "%gs survives a trip through the Host");

	/* A second TLS set with a different base: %gs follows on the next
	 * load, as on hardware. */
	tls[0] = seg_desc((u32)&tls_block[2], 0xFFFFF, ACC_DATA_DPL3, 1);
	pv_load_tls(tls);
	asm volatile("movl %1, %%gs; movl %%gs:-4, %0" : "=r"(a) : "r"(TLS_SEL) : "memory");
	check(a == 0x22222222, "a new TLS base is seen through %gs");
	finish();
}

/* A descriptor of privilege 0, as a native kernel writes it: the Host
 * raises it to the Guest's ring, so ring 1 can load it. */
static void test_dpl0(void)
{
	static volatile u32 target = 0x600DF00D;
	u32 v, fs;

	pv_load_gdt_entry(SPARE_ENTRY, seg_desc(0, 0xFFFFF, ACC_DATA_DPL0, 1));
	asm volatile("movl %1, %%fs; movl %%fs:(%2), %0"
		     : "=r"(v) : "r"(SPARE_ENTRY * 8 + GUEST_PL), "r"(&target) : "memory");
	check(v == 0x600DF00D, "a DPL 0 data segment is usable at ring 1");
	hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	asm volatile("movl %%fs, %0" : "=r"(fs));
	check((fs & 0xFFFF) == SPARE_ENTRY * 8 + GUEST_PL, "and %fs keeps it across the Host");
	finish();
}

/* The TLS entry under a live %gs is emptied: the Host cannot reload it, so
 * it nulls %gs (the CPU's own rule for segments a ring may not keep),
 * rather than fault in the Switcher or kill a Guest that did what
 * hardware allows.  %fs, still good, is kept. */
static void test_null_gs(void)
{
	load_tls_block();
	asm volatile("movl %0, %%gs; movl %1, %%fs" : : "r"(TLS_SEL), "r"(USER_DS));
	tls[0] = 0;
	pv_load_tls(tls);
	check(read_gs_sel() == 0, "%gs is null after its TLS entry was emptied");
	{
		u32 fs;

		asm volatile("movl %%fs, %0" : "=r"(fs));
		check((fs & 0xFFFF) == USER_DS, "%fs is untouched");
	}
	finish();
}

/*
 * Ring 3 using TLS, as a program would.  The kernel lets ring 3 reach the
 * few pages involved and enters it with an "iret" to USER_CS; the code
 * there reads and writes through %gs with negative offsets, compares with
 * what the kernel left in ring3_expect, and ends with "int3" at one of two
 * places: ring3_pass or ring3_fail.
 *
 * How the kernel learns which: once the Guest can take traps (it has
 * pv.load_idt_entry), int3 comes to ring3_trap below, which checks where it
 * came from and what ring 3 wrote, and powers off.  Until then nothing
 * brings ring 3 back to the kernel (every gate it could use leads to the
 * Host), so the Host kills the Guest for the int3 and its message names the
 * eip: the kernel prints both addresses first, and tests/boot/segments.sh
 * checks the kill names ring3_pass.  Either way the outcome is decided by
 * the ring-3 code's own comparisons, never assumed.
 */
extern const char ring3_tls_code[], ring3_pass[], ring3_fail[], ring3_trap_entry[];
u32 ring3_expect[2], ring3_result;
static u8 user_stack[4096] __attribute__((aligned(16)));
static u8 trap_stack[4096] __attribute__((aligned(16)));

asm(".text\n"
    "ring3_tls_code:\n"
    "	movl	$" XSTR(TLS_SEL) ", %eax\n"
    "	movl	%eax, %gs\n"
    "	movl	%cs, %eax\n"
    "	andl	$3, %eax\n"
    "	cmpl	$3, %eax\n"
    "	jne	ring3_fail\n"
    "	movl	%gs:-4, %eax\n"
    "	cmpl	ring3_expect, %eax\n"
    "	jne	ring3_fail\n"
    "	movl	%gs:-16, %eax\n"
    "	cmpl	ring3_expect+4, %eax\n"
    "	jne	ring3_fail\n"
    "	movl	$0x5A5A5A5A, %gs:-8\n"
    "	movl	%gs:-8, %eax\n"
    "	movl	%eax, ring3_result\n"
    "ring3_pass:\n"
    "	int3\n"
    "	jmp	ring3_pass\n"
    "ring3_fail:\n"
    "	int3\n"
    "	jmp	ring3_fail\n"
    /* The kernel's side of int3, once traps are delivered: the frame is
     * the hardware's, %eip first. */
    "ring3_trap_entry:\n"
    "	pushl	%esp\n"
    "	call	ring3_trap\n");

__attribute__((used, noreturn)) void ring3_trap(const u32 *frame);
__attribute__((used, noreturn)) void ring3_trap(const u32 *frame)
{
	check(frame[0] == (u32)ring3_pass + 1, "ring 3 read its TLS through %gs and reached ring3_pass");
	check(ring3_result == 0x5A5A5A5A && tls_block[2] == 0x5A5A5A5A,
	      "ring 3's write through %gs:-8 landed");
	check((frame[1] & 3) == 3, "the trap came from ring 3");
	finish();
	power_off(0);
}

/* Let ring 3 touch the kernel pages holding [p, p + len): the Guest's own
 * page tables decide what its programs may reach. */
static void expose_to_ring3(const void *p, u32 len)
{
	for (u32 va = (u32)p & PAGE_MASK; va < (u32)p + len; va += PAGE_SIZE) {
		u32 *pte = mm_pte(&kernel_mm, va);

		u32 *pde = &kernel_mm.pgdir[va >> PGD_SHIFT];

		if (!pte)
			crash("segments-ring3: no page table for 0x%x", va);
		if (!(*pde & PTE_USER)) {
			*pde |= PTE_USER;
			pv_set_pgd(kernel_mm.pgdir, va >> PGD_SHIFT, *pde);
		}
		pv_set_pte(kernel_mm.pgdir, va, pte, *pte | PTE_USER);
	}
	pv_flush_tlb_all();
}

static void test_ring3(void)
{
	load_tls_block();
	expose_to_ring3(ring3_tls_code, (u32)(ring3_trap_entry - ring3_tls_code));
	expose_to_ring3(ring3_expect, sizeof(ring3_expect));
	expose_to_ring3(&ring3_result, sizeof(ring3_result));
	expose_to_ring3(user_stack, sizeof(user_stack));
	expose_to_ring3(tls_block, sizeof(tls_block));
	ring3_expect[0] = tls_block[3];
	ring3_expect[1] = tls_block[0];
	if (pv.load_idt_entry && pv.set_kernel_stack) {
		pv_set_kernel_stack((u32)(trap_stack + sizeof(trap_stack)));
		pv_load_idt_entry(3, gate_desc(kernel_cs(), (u32)ring3_trap_entry, 0xF, 3));
		printk("segments-ring3: int3 comes back to the kernel\n");
	} else {
		printk("segments-ring3: no trap delivery: pass at eip 0x%x, fail at eip 0x%x\n",
		       (u32)ring3_pass, (u32)ring3_fail);
	}
	asm volatile("movl %[ds], %%eax\n"
		     "movl %%eax, %%ds\n"
		     "movl %%eax, %%es\n"
		     "pushl %[ds]\n"
		     "pushl %[sp]\n"
		     "pushfl\n"
		     "pushl %[cs]\n"
		     "pushl %[ip]\n"
		     "iret"
		     : : [ds] "i"(USER_DS), [cs] "i"(USER_CS),
		       [sp] "r"(user_stack + sizeof(user_stack)), [ip] "r"(ring3_tls_code)
		     : "eax", "memory");
	__builtin_unreachable();
}

GUEST_TEST("segments-tls", test_tls);
GUEST_TEST("segments-dpl0", test_dpl0);
GUEST_TEST("segments-null-gs", test_null_gs);
GUEST_TEST("segments-ring3", test_ring3);

/*
 * "test=seg-bench count=N": what a context switch's segment and FPU work
 * costs through the Host, against the null hypercall measured in the same
 * loop: N LHCALL_LOAD_TLS, N LHCALL_TS (set, then clear: every other), N
 * emulated "inb", and N null hypercalls, taking turns in rounds of 100.
 */
static void test_seg_bench(void)
{
	unsigned long n = cmdline_number("count", 10000);
	unsigned long long t[5], sum[4] = { 0 };

	load_tls_block();
	for (unsigned long done = 0; done < n; done += 100) {
		unsigned long k = n - done < 100 ? n - done : 100;

		t[0] = rdtsc();
		for (unsigned long i = 0; i < k; i++)
			hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
		t[1] = rdtsc();
		for (unsigned long i = 0; i < k; i++)
			pv_load_tls(tls);
		t[2] = rdtsc();
		for (unsigned long i = 0; i < k; i++)
			hcall(LHCALL_TS, i & 1, 0, 0, 0);
		t[3] = rdtsc();
		for (unsigned long i = 0; i < k; i++)
			asm volatile("inb $0x80, %%al" : : : "eax");
		t[4] = rdtsc();
		for (int j = 0; j < 4; j++)
			sum[j] += t[j + 1] - t[j];
	}
	pv_clear_ts();
	printk("seg-bench: %lu each; TSC ticks: null %llu load_tls %llu ts %llu inb %llu\n",
	       n, sum[0], sum[1], sum[2], sum[3]);
}

GUEST_TEST("seg-bench", test_seg_bench);
