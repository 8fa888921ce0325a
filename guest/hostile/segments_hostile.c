/*
 * Hostile segments, flags and Switcher pages (tests/hostile/segments.sh):
 * odd segment types as %cs, %ss and data, TF, NT and AC in EFLAGS across
 * hypercalls and traps, and the Switcher's register page written over.
 * Each is killed with a message, or is harmless and checked: then the
 * Guest prints what it checked and ends itself with "hlt" (the Host kills
 * it for that); a check that fails crashes it instead.
 */
#include "drivers/console.h"
#include "drivers/virtio.h"
#include "x86/desc.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "x86/traps.h"
#include "test/test.h"
#include <lguest/virtio.h>

#define CODE_ENTRY	12	/* entries nobody uses */
#define DATA_ENTRY	13
#define STR(x)		#x
#define XSTR(x)		STR(x)

#define ACC_CODE_CONFORMING_DPL1 0xBE	/* present, code, conforming, readable */
#define ACC_CODE_DPL2	0xDA
#define ACC_DATA_DPL1	0xB2
#define ACC_DATA_DPL2	0xD2
#define ACC_DATA_DOWN_DPL1 0xB6		/* present, data, expand-down, writable */
#define SEG_16BIT	((u64)0x400000 << 32)	/* D/B clear */

#define EFLAGS_TF	0x100u
#define EFLAGS_NT	0x4000u
#define EFLAGS_AC	0x40000u

/* A check that must hold, else the Guest crashes saying which. */
#define MUST(cond, ...) do { if (!(cond)) crash(__VA_ARGS__); } while (0)

static void ends_checked(const char *what)
{
	printk("hostile: %s: checked, ending with hlt\n", what);
	asm volatile("hlt");
}

/* Long enough for several of the Host's 10 ms ticks, each an exit and an
 * entry that loads every selector again. */
void spin_30ms(void);
void spin_30ms(void)
{
	u64 t0 = rdtsc();

	while (rdtsc() - t0 < 30ull * lguest_data.tsc_khz)
		asm volatile("" : : : "memory");
}

static u32 null_hcall_keeps(u32 ebx)
{
	u32 eax = LHCALL_FLUSH_ASYNC;

	asm volatile("int $" XSTR(LGUEST_TRAP_ENTRY) : "+a"(eax), "+b"(ebx) : : "memory");
	return ebx;
}

/* Reached by "lcall": a hypercall and several ticks in conforming code,
 * and the %cs it runs with. */
u32 conforming_cs;
extern const char conforming_code[];
asm(".text\n"
    "conforming_code:\n"
    "	xorl	%eax, %eax\n"
    "	int	$" XSTR(LGUEST_TRAP_ENTRY) "\n"
    "	call	spin_30ms\n"
    "	movl	%cs, %eax\n"
    "	movl	%eax, conforming_cs\n"
    "	lret\n");

/* An endless loop for ring 2. */
extern const char ring2_code[];
asm(".text\nring2_code:\n1:	jmp 1b\n");

/* 16-bit code, reached by "lcall": IN of a word and of a long (the
 * operand-size prefix means 32 bits here) into %ebx and %ecx, and a
 * hypercall. */
extern const char code16_io[];
asm(".text\n"
    "code16_io:\n"
    ".code16\n"
    "	movl	$0x12345678, %eax\n"
    "	movw	$0x60, %dx\n"
    "	inw	%dx, %ax\n"
    "	movl	%eax, %ebx\n"
    "	xorl	%eax, %eax\n"
    "	inl	%dx, %eax\n"
    "	movl	%eax, %ecx\n"
    "	xorl	%eax, %eax\n"
    "	int	$" XSTR(LGUEST_TRAP_ENTRY) "\n"
    "	lretl\n"
    ".code32\n");

/* 16-bit code loading a word of device memory at %fs:0: 64 8B 07, which
 * 32-bit code would take for a long from (%edi). */
extern const char code16_mmio[];
asm(".text\n"
    "code16_mmio:\n"
    ".code16\n"
    "	movl	$0x12345678, %eax\n"
    "	xorw	%bx, %bx\n"
    "	movw	%fs:(%bx), %ax\n"
    "	lretl\n"
    ".code32\n");

static u32 get_fs(void) { u32 v; asm volatile("movl %%fs, %0" : "=r"(v)); return v; }
static u32 get_gs(void) { u32 v; asm volatile("movl %%gs, %0" : "=r"(v)); return v; }
static u32 get_ss(void) { u32 v; asm volatile("movl %%ss, %0" : "=r"(v)); return v; }

/*
 * "test=hostile-segment what=": conforming (conforming code as %cs:
 * harmless), ring2 (an "iret" to DPL-2 segments: killed), code16-io (IN in
 * a 16-bit %cs: played with 16-bit operand sizes), code16-mmio (a device
 * access from a 16-bit %cs: killed), data (expand-down and DPL-2 data as
 * %fs, %gs and %ss: harmless), ss-dpl2 (its live %ss's entry made DPL 2:
 * killed).
 */
static void hostile_segment(void)
{
	char what[16];
	u32 sel;

	if (!cmdline_value("what", what, sizeof(what)))
		crash("hostile-segment: what=?");
	printk("hostile-segment: %s\n", what);
	if (!strcmp(what, "conforming")) {
		pv_load_gdt_entry(CODE_ENTRY, seg_desc(0, 0xFFFFF, ACC_CODE_CONFORMING_DPL1, 1));
		asm volatile("lcall %0, $conforming_code"
			     : : "i"(CODE_ENTRY * 8 + GUEST_PL) : "eax", "ecx", "edx", "memory");
		MUST(conforming_cs == CODE_ENTRY * 8 + GUEST_PL,
		     "conforming code ran with %%cs 0x%x", conforming_cs);
		ends_checked("a hypercall and ticks in conforming code, %cs kept");
	} else if (!strcmp(what, "ring2")) {
		pv_load_gdt_entry(CODE_ENTRY, seg_desc(0, 0xFFFFF, ACC_CODE_DPL2, 1));
		pv_load_gdt_entry(DATA_ENTRY, seg_desc(0, 0xFFFFF, ACC_DATA_DPL2, 1));
		asm volatile("movl %%esp, %%eax\n"
			     "pushl %0\n"
			     "pushl %%eax\n"
			     "pushfl\n"
			     "pushl %1\n"
			     "pushl $ring2_code\n"
			     "iret"
			     : : "i"(DATA_ENTRY * 8 + 2), "i"(CODE_ENTRY * 8 + 2) : "eax", "memory");
	} else if (!strcmp(what, "code16-io")) {
		u32 ebx, ecx;

		pv_load_gdt_entry(CODE_ENTRY, seg_desc(0, 0xFFFFF, ACC_CODE_DPL1, 1) & ~SEG_16BIT);
		asm volatile("lcall %2, $code16_io"
			     : "=b"(ebx), "=c"(ecx) : "i"(CODE_ENTRY * 8 + GUEST_PL)
			     : "eax", "edx", "memory");
		MUST(ebx == 0x1234FFFF && ecx == 0xFFFFFFFF,
		     "16-bit IN read 0x%x (word) and 0x%x (long)", ebx, ecx);
		ends_checked("IN of a word and a long in a 16-bit %cs");
	} else if (!strcmp(what, "code16-mmio")) {
		struct virtio_driver *d = virtio_find(VIRTIO_ID_RNG, 0);
		u32 eax;

		MUST(d, "no entropy device");
		pv_load_gdt_entry(CODE_ENTRY, seg_desc(0, 0xFFFFF, ACC_CODE_DPL1, 1) & ~SEG_16BIT);
		pv_load_gdt_entry(DATA_ENTRY, seg_desc((u32)d->regs, 0, ACC_DATA_DPL1, 1));
		asm volatile("movl %1, %%fs\n"
			     "lcall %2, $code16_mmio\n"
			     "movl %3, %%fs"
			     : "=a"(eax) : "r"(DATA_ENTRY * 8 + GUEST_PL),
			       "i"(CODE_ENTRY * 8 + GUEST_PL), "r"(0) : "ebx", "memory");
		printk("hostile-segment: the 16-bit load left %%eax 0x%x\n", eax);
	} else if (!strcmp(what, "data")) {
		pv_load_gdt_entry(DATA_ENTRY, seg_desc(0, 0, ACC_DATA_DOWN_DPL1, 1));
		pv_load_gdt_entry(CODE_ENTRY, seg_desc(0, 0xFFFFF, ACC_DATA_DPL2, 1));
		sel = DATA_ENTRY * 8 + GUEST_PL;
		asm volatile("movl %0, %%fs\n"
			     "movl %1, %%gs" : : "r"(sel), "r"(CODE_ENTRY * 8 + GUEST_PL));
		spin_30ms();
		MUST(null_hcall_keeps(0x600D) == 0x600D, "a hypercall lost %%ebx");
		MUST(get_fs() == sel && get_gs() == CODE_ENTRY * 8 + GUEST_PL,
		     "%%fs 0x%x, %%gs 0x%x after ticks and a hypercall", get_fs(), get_gs());
		/* The stack on the expand-down segment (base 0, every offset
		 * above 4 KiB valid): ticks, a hypercall, back. */
		asm volatile("movl %0, %%ss" : : "r"(sel));
		spin_30ms();
		null_hcall_keeps(0);
		MUST(get_ss() == sel, "%%ss 0x%x on the expand-down stack", get_ss());
		asm volatile("movl %0, %%ss" : : "r"(LGUEST_KERNEL_DS));
		asm volatile("movl %0, %%fs; movl %0, %%gs" : : "r"(0));
		ends_checked("expand-down data as %fs and %ss, DPL-2 data as %gs");
	} else if (!strcmp(what, "ss-dpl2")) {
		pv_load_gdt_entry(GDT_ENTRY_KERNEL_DS, seg_desc(0, 0xFFFFF, ACC_DATA_DPL2, 1));
		printk("hostile-segment: its %%ss's entry made DPL 2 and it ran on\n");
	} else {
		crash("hostile-segment: no attack \"%s\"", what);
	}
}

static volatile u32 db_steps, int3_eflags;

/* Single steps: twenty, then TF off in the frame. */
static void db_handler(struct trap_frame *f)
{
	if (++db_steps >= 20)
		f->eflags &= ~EFLAGS_TF;
}

static void int3_handler(struct trap_frame *f)
{
	u32 fl;

	(void)f;
	asm volatile("pushfl; popl %0" : "=r"(fl));
	int3_eflags = fl;
}

/*
 * "test=hostile-eflags what=": tf (single-stepping across a hypercall and
 * an int3 the Host plays: the handler runs with TF clear, as on a CPU),
 * nt (NT set across a hypercall, then an "iret", which is a task return
 * to a TSS that is not there: killed, no handler), ac (AC set across a
 * hypercall, an unaligned load: harmless at ring 1).
 */
static void hostile_eflags(void)
{
	char what[8];
	u32 fl;

	if (!cmdline_value("what", what, sizeof(what)))
		crash("hostile-eflags: what=?");
	printk("hostile-eflags: %s\n", what);
	if (!strcmp(what, "tf")) {
		set_trap_handler(1, db_handler, 0);
		set_trap_handler(3, int3_handler, 0);
		asm volatile("pushfl; orl %0, (%%esp); popfl\n"
			     "xorl %%eax, %%eax\n"
			     "int $" XSTR(LGUEST_TRAP_ENTRY) "\n"
			     "int3\n"
			     "nop; nop; nop\n"
			     "pushfl; andl %1, (%%esp); popfl"
			     : : "i"(EFLAGS_TF), "i"(~EFLAGS_TF) : "eax", "memory");
		MUST(db_steps > 0 && !(int3_eflags & EFLAGS_TF),
		     "%u single steps, int3's handler ran with eflags 0x%x", db_steps, int3_eflags);
		printk("hostile-eflags: %u single steps\n", db_steps);
		ends_checked("TF across a hypercall and an int3");
	} else if (!strcmp(what, "nt")) {
		pv_load_idt_entry(10, 0);
		asm volatile("pushfl; orl %1, (%%esp); popfl\n"
			     "xorl %%eax, %%eax\n"
			     "int $" XSTR(LGUEST_TRAP_ENTRY) "\n"
			     "pushfl; popl %0"
			     : "=r"(fl) : "i"(EFLAGS_NT) : "eax", "memory");
		MUST(fl & EFLAGS_NT, "NT lost across a hypercall: eflags 0x%x", fl);
		printk("hostile-eflags: NT kept across a hypercall; iret\n");
		asm volatile("pushfl; pushl %%cs; pushl $1f; iret; 1:" : : : "memory");
		printk("hostile-eflags: the iret with NT set returned\n");
	} else if (!strcmp(what, "ac")) {
		static u8 buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
		u32 v;

		asm volatile("pushfl; orl %2, (%%esp); popfl\n"
			     "xorl %%eax, %%eax\n"
			     "int $" XSTR(LGUEST_TRAP_ENTRY) "\n"
			     "pushfl; popl %0\n"
			     "movl 1(%3), %1\n"
			     "pushfl; andl %4, (%%esp); popfl"
			     : "=&r"(fl), "=&r"(v) : "i"(EFLAGS_AC), "r"(buf), "i"(~EFLAGS_AC)
			     : "eax", "memory");
		MUST((fl & EFLAGS_AC) && v == 0x05040302,
		     "eflags 0x%x after a hypercall, unaligned load 0x%x", fl, v);
		ends_checked("AC across a hypercall, an unaligned load");
	} else {
		crash("hostile-eflags: no attack \"%s\"", what);
	}
}

/*
 * The Switcher's register page is the Guest's to write (lg.h): every trap
 * rewrites the saved registers before the Host reads them.  Fill it three
 * ways (all ones, zeroes, and the Switcher's own fault number in every
 * word), each time across the Host's ticks and a hypercall, which must
 * come back with the registers the Guest had.
 */
static void hostile_regs_page(void)
{
	static const u32 fills[] = { 0xFFFFFFFF, 0, 256 };
	volatile u32 *page = (volatile u32 *)0xFFC02000;

	for (unsigned f = 0; f < 3; f++) {
		printk("hostile-regs-page: every word 0x%x\n", fills[f]);
		for (unsigned i = 0; i < 1024; i++)
			page[i] = fills[f];
		spin_30ms();
		for (unsigned i = 0; i < 1024; i++)
			page[i] = fills[f];
		MUST(null_hcall_keeps(0x600D + f) == 0x600D + f, "a hypercall lost %%ebx");
	}
	ends_checked("the register page written over, across ticks and hypercalls");
}

GUEST_TEST("hostile-segment", hostile_segment);
GUEST_TEST("hostile-eflags", hostile_eflags);
GUEST_TEST("hostile-regs-page", hostile_regs_page);
