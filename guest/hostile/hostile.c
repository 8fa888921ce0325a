/*
 * Hostile behaviours: a Guest kernel attacking the Host on purpose.  Each
 * must end with the Guest killed and a message naming what it did; never
 * with the Host crashed, hung, or the machine ended with a status the
 * Guest chose.  tests/hostile/basic.sh runs them; docs/hostile.md lists
 * each attack and what stops it.
 */
#include <lguest/exit_status.h>
#include "drivers/console.h"
#include "x86/desc.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"

#define SPARE_ENTRY	12	/* one of the Guest's entries nobody uses */
#define STR(x)		#x
#define XSTR(x)		STR(x)

/* "test=hostile-hcall nr=N a1=.. a2=.. a3=.. a4=..": one hypercall with
 * whatever arguments the command line gives (decimal), for the argument
 * checks.  If the Host takes it, we say so and power off with status 0,
 * which the test counts as a failure. */
static void hostile_hcall(void)
{
	unsigned long nr = cmdline_number("nr", 0), r;

	r = hcall(nr, cmdline_number("a1", 0), cmdline_number("a2", 0),
		  cmdline_number("a3", 0), cmdline_number("a4", 0));
	printk("hostile-hcall: hypercall %lu was accepted (returned %lu)\n", nr, r);
}

/* "test=hostile-async-hcall nr=N a1=.. a2=.. a3=.. a4=..": the same, as
 * the one entry of the async ring, run at the next exit.  Each call is
 * checked there as on its own. */
static void hostile_async_hcall(void)
{
	unsigned long nr = cmdline_number("nr", 0);
	unsigned i = 0;

	/* The Host runs the ring from where it left off: the call in every
	 * slot, so the first it looks at is one. */
	for (; i < LHCALL_RING_SIZE; i++)
		lguest_data.hcalls[i] = (struct hcall_args){
			nr, cmdline_number("a1", 0), cmdline_number("a2", 0),
			cmdline_number("a3", 0), cmdline_number("a4", 0) };
	for (i = 0; i < LHCALL_RING_SIZE; i++)
		lguest_data.hcall_status[i] = LHCALL_SLOT_READY;
	hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	printk("hostile-async-hcall: hypercall %lu was accepted in the ring\n", nr);
}

/* LHCALL_LGUEST_INIT again, with the same good page. */
static void hostile_init_twice(void)
{
	hcall(LHCALL_LGUEST_INIT, __pa(&lguest_data), 0, 0, 0);
	printk("hostile-init-twice: a second LHCALL_LGUEST_INIT was accepted\n");
}

/* "insn=NAME": one privileged instruction, run at ring 1. */
static void hostile_privileged(void)
{
	static const struct desc_ptr_guest { u16 size; u32 address; }
		__attribute__((packed)) table = { 0x7FF, 0xC0000000 };
	char insn[16];

	if (!cmdline_value("insn", insn, sizeof(insn)))
		crash("hostile-privileged: which insn=?");
	printk("hostile-privileged: running %s at ring 1\n", insn);
	if (!strcmp(insn, "lgdt"))
		asm volatile("lgdt %0" : : "m"(table));
	else if (!strcmp(insn, "lidt"))
		asm volatile("lidt %0" : : "m"(table));
	else if (!strcmp(insn, "mov-cr0"))
		asm volatile("movl %0, %%cr0" : : "r"(0x80000011u));
	else if (!strcmp(insn, "mov-cr3"))
		asm volatile("movl %0, %%cr3" : : "r"(0u));
	else if (!strcmp(insn, "mov-cr4"))
		asm volatile("movl %0, %%cr4" : : "r"(0u));
	else if (!strcmp(insn, "wrmsr"))
		asm volatile("wrmsr" : : "c"(0x174), "a"(0), "d"(0));
	else if (!strcmp(insn, "rdmsr"))
		asm volatile("rdmsr" : : "c"(0x10) : "eax", "edx");
	else if (!strcmp(insn, "cli"))
		asm volatile("cli");
	else if (!strcmp(insn, "sti"))
		asm volatile("sti");
	else if (!strcmp(insn, "hlt"))
		asm volatile("hlt");
	else if (!strcmp(insn, "clts"))
		asm volatile("clts");
	else if (!strcmp(insn, "invlpg"))
		asm volatile("invlpg (%0)" : : "r"(0xC0000000u) : "memory");
	else if (!strcmp(insn, "ltr"))
		asm volatile("ltr %0" : : "r"((u16)LGUEST_TSS_SEL));
	else if (!strcmp(insn, "lldt"))
		asm volatile("lldt %0" : : "r"((u16)0));
	else if (!strcmp(insn, "wbinvd"))
		asm volatile("wbinvd");
	else if (!strcmp(insn, "insb"))
		asm volatile("insb" : : "D"(0xC0000000u), "d"(0x60) : "memory");
	else if (!strcmp(insn, "outsb"))
		asm volatile("outsb" : : "S"(0xC0000000u), "d"(LGUEST_EXIT_PORT));
	else
		crash("hostile-privileged: no instruction \"%s\"", insn);
	printk("hostile-privileged: %s ran at ring 1!\n", insn);
}

/* "iret" to ring 0: into the Switcher's first page, with the Host's own
 * code segment (cs=host), or with the Guest's code segment at RPL 0. */
static void hostile_iret_ring0(void)
{
	char which[8];
	u32 cs = cmdline_value("cs", which, sizeof(which)) && !strcmp(which, "host") ?
		 LGUEST_CS : GDT_ENTRY_KERNEL_CS * 8;

	printk("hostile-iret-ring0: iret to 0x%x:0xffc00000\n", cs);
	asm volatile("pushfl\n"
		     "pushl %0\n"
		     "pushl $0xFFC00000\n"
		     "iret" : : "r"(cs) : "memory");
	printk("hostile-iret-ring0: came back!\n");
}

/*
 * Every port, every size, both ways, through %dx; and every port an
 * immediate can name, through the immediate forms.  The Host must emulate
 * each: an IN reads all ones in just the bytes it reads, an OUT goes
 * nowhere.  Among them, OUTs of 0 and of ~0 to the isa-debug-exit port
 * 0xF4, which would end the machine with a status we chose.  Then we pick
 * our own end: hlt.
 */
#define IMM_PORT_CHECK						\
	"	movl	$p, %edx\n"				\
	"	movl	$0x12345600, %eax\n"			\
	"	inb	$p, %al\n"				\
	"	cmpl	$0x123456FF, %eax\n"			\
	"	jne	9f\n"					\
	"	movl	$0x12340000, %eax\n"			\
	"	inw	$p, %ax\n"				\
	"	cmpl	$0x1234FFFF, %eax\n"			\
	"	jne	9f\n"					\
	"	xorl	%eax, %eax\n"				\
	"	inl	$p, %eax\n"				\
	"	cmpl	$0xFFFFFFFF, %eax\n"			\
	"	jne	9f\n"					\
	"	outb	%al, $p\n"				\
	"	outw	%ax, $p\n"				\
	"	outl	%eax, $p\n"				\
	"	xorl	%eax, %eax\n"				\
	"	outb	%al, $p\n"				\
	"	outl	%eax, $p\n"

/* Returns 256 if every immediate port read as all ones, else the port. */
u32 io_imm_ports(void);
asm(".text\n"
    "io_imm_ports:\n"
    "	.set	p, 0\n"
    "	.rept	256\n"
    IMM_PORT_CHECK
    "	.set	p, p + 1\n"
    "	.endr\n"
    "	movl	$256, %eax\n"
    "	ret\n"
    "9:	movl	%edx, %eax\n"
    "	ret\n");

static void hostile_io_all_ports(void)
{
	u32 accesses = 0, bad = 0, bad_port = 0;

	for (u32 port = 0; port < 65536; port++) {
		u32 b = 0x12345600, w = 0x12340000, l = 0;

		asm volatile("inb %%dx, %%al" : "+a"(b) : "d"(port));
		asm volatile("inw %%dx, %%ax" : "+a"(w) : "d"(port));
		asm volatile("inl %%dx, %%eax" : "+a"(l) : "d"(port));
		asm volatile("outb %%al, %%dx; outw %%ax, %%dx; outl %%eax, %%dx"
			     : : "a"(0), "d"(port));
		accesses += 6;
		if (b != 0x123456FF || w != 0x1234FFFF || l != 0xFFFFFFFF) {
			if (!bad++)
				bad_port = port;
		}
	}
	/* The exit port once more, with all ones: QEMU would exit 255. */
	asm volatile("outb %%al, %%dx; outw %%ax, %%dx; outl %%eax, %%dx"
		     : : "a"(0xFFFFFFFF), "d"(LGUEST_EXIT_PORT));
	accesses += 3;
	printk("hostile-io-all-ports: %u accesses through %%dx, %u ports read wrong (first %u)\n",
	       accesses, bad, bad_port);
	bad_port = io_imm_ports();
	if (bad_port != 256)
		printk("hostile-io-all-ports: immediate port %u read wrong\n", bad_port);
	else if (!bad)
		printk("hostile-io-all-ports: every port read as all ones\n");
	asm volatile("hlt");
	printk("hostile-io-all-ports: hlt ran!\n");
}

/* The async ring full of calls that do not exist. */
static void hostile_async_garbage(void)
{
	for (unsigned i = 0; i < LHCALL_RING_SIZE; i++) {
		lguest_data.hcalls[i] = (struct hcall_args){ 1000 + i, i, i, i, i };
		lguest_data.hcall_status[i] = LHCALL_SLOT_READY;
	}
	hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	printk("hostile-async-garbage: the Host ran a ring of garbage\n");
}

/* The async ring filled again before every exit, 1000 times: the Host
 * takes one ring's worth each time and comes back to us. */
static void hostile_async_full(void)
{
	unsigned rounds = 0, wrong = 0;

	for (; rounds < 1000; rounds++) {
		unsigned freed = 0;

		for (unsigned i = 0; i < LHCALL_RING_SIZE; i++) {
			lguest_data.hcalls[i] = (struct hcall_args){ LHCALL_FLUSH_ASYNC, 0, 0, 0, 0 };
			lguest_data.hcall_status[i] = LHCALL_SLOT_READY;
		}
		hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
		for (unsigned i = 0; i < LHCALL_RING_SIZE; i++)
			freed += lguest_data.hcall_status[i] == LHCALL_SLOT_FREE;
		wrong += freed != LHCALL_RING_SIZE;
	}
	printk("hostile-async-full: %u rounds of a full ring, %u not emptied\n", rounds, wrong);
	asm volatile("hlt");
}

/* GDT attacks.  "what=": cs-data (its own code segment made data),
 * ss-absent (its stack segment made not present), cs-short (its code
 * segment cut below where it runs), call-gate (a gate into the Host's
 * ring 0 code), tss (a TSS of its own). */
static void hostile_gdt(void)
{
	char what[16];
	u64 d;

	if (!cmdline_value("what", what, sizeof(what)))
		crash("hostile-gdt: what=?");
	if (!strcmp(what, "cs-data"))
		d = seg_desc(0, 0xFFFFF, 0xB2, 1);
	else if (!strcmp(what, "ss-absent"))
		d = seg_desc(0, 0xFFFFF, 0x32, 1);
	else if (!strcmp(what, "cs-short"))
		d = seg_desc(0, 0xBFFFF, ACC_CODE_DPL1, 1);
	else if (!strcmp(what, "call-gate"))
		d = gate_desc(LGUEST_CS, 0xFFC00000, 0xC, GUEST_PL);
	else if (!strcmp(what, "tss"))
		d = seg_desc(0xC0000000, 0x67, 0xA9, 0);
	else
		crash("hostile-gdt: no attack \"%s\"", what);
	printk("hostile-gdt: %s\n", what);
	pv_load_gdt_entry(strcmp(what, "ss-absent") ? GDT_ENTRY_KERNEL_CS : GDT_ENTRY_KERNEL_DS, d);
	if (!strcmp(what, "call-gate") || !strcmp(what, "tss"))
		/* Were the gate taken, this would reach ring 0. */
		asm volatile("lcall %0, $0" : : "i"(GDT_ENTRY_KERNEL_CS * 8 + 1));
	printk("hostile-gdt: %s was accepted and the Guest ran on\n", what);
}

/*
 * A hypercall as the last instruction of a code segment: the "int" fits,
 * but the %eip it saves is one past the limit, which the Switcher's "iret"
 * would refuse at ring 0.  The code segment is the kernel's own, cut to end
 * at the page boundary right after the "int".
 */
extern const char hcall_at_limit[], hcall_at_limit_end[];
asm(".text\n"
    ".balign 4096\n"
    ".skip 4096 - 2\n"
    "hcall_at_limit:\n"
    "	int	$" XSTR(LGUEST_TRAP_ENTRY) "\n"
    "hcall_at_limit_end:\n"
    "	ud2\n");

static void hostile_hcall_at_limit(void)
{
	u32 end = (u32)hcall_at_limit_end;

	if (end % 4096)
		crash("hostile-hcall-at-limit: the int does not end a page");
	pv_load_gdt_entry(SPARE_ENTRY, seg_desc(0, (end >> 12) - 1, ACC_CODE_DPL1, 1));
	printk("hostile-hcall-at-limit: int $0x1f at 0x%x, the segment ends at 0x%x\n",
	       (u32)hcall_at_limit, end - 1);
	asm volatile("ljmp %0, $hcall_at_limit" : : "i"(SPARE_ENTRY * 8 + GUEST_PL), "a"(0) : "memory");
}

/* A TLS entry that is a TSS. */
static void hostile_tls_tss(void)
{
	static u64 tls[GDT_ENTRY_TLS_ENTRIES];

	tls[2] = seg_desc(0xC0000000, 0x67, 0xE9, 0);
	pv_load_tls(tls);
	printk("hostile-tls-tss: a TSS in the TLS entries was accepted\n");
}

/* The Switcher is inside every flat segment; paging keeps it safe.
 * "what=": gdt (the Guest's GDT in the state page), code (the Switcher's
 * code page). */
static void hostile_switcher_write(void)
{
	char what[8];
	volatile u32 *p = (volatile u32 *)0xFFC00000;

	if (cmdline_value("what", what, sizeof(what)) && !strcmp(what, "gdt"))
		/* The state page's GDT (host/core/switcher_layout.h):
		 * its KERNEL_CS entry. */
		p = (volatile u32 *)(0xFFC02000 + 6280 + 8 * GDT_ENTRY_KERNEL_CS);
	printk("hostile-switcher-write: writing 0x%x\n", (u32)p);
	*p = 0xFFFFFFFF;
	printk("hostile-switcher-write: the write went through!\n");
}

GUEST_TEST("hostile-hcall", hostile_hcall);
GUEST_TEST("hostile-async-hcall", hostile_async_hcall);
GUEST_TEST("hostile-init-twice", hostile_init_twice);
GUEST_TEST("hostile-privileged", hostile_privileged);
GUEST_TEST("hostile-iret-ring0", hostile_iret_ring0);
GUEST_TEST("hostile-io-all-ports", hostile_io_all_ports);
GUEST_TEST("hostile-async-garbage", hostile_async_garbage);
GUEST_TEST("hostile-async-full", hostile_async_full);
GUEST_TEST("hostile-gdt", hostile_gdt);
GUEST_TEST("hostile-tls-tss", hostile_tls_tss);
GUEST_TEST("hostile-hcall-at-limit", hostile_hcall_at_limit);
GUEST_TEST("hostile-switcher-write", hostile_switcher_write);
