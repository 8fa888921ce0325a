/*
 * Hostile Guests for software interrupts (tests/hostile/soft_int.sh):
 * "int $N" for every kind of vector, from ring 1 or ring 3.  The CPU would
 * push no error code, reach the Guest's own handler for N if its gate
 * admits the ring, and raise #GP with error code N * 8 + 2 if not.  The
 * Host must do just that: never save a frame a word short (vectors 8,
 * 10-14, 17), never run its own handler for a device vector (32-255),
 * never blame itself (int $7).
 *
 * "test=hostile-soft-int vec=N [gate=kernel|user|none] [ring=1|3]": a
 * handler for N (of privilege 0 or 3, or none), a #GP handler, then
 * "int $N".  Each handler says what it got and ends the Guest with "hlt",
 * so the test sees which ran, and the Host's kill for the "hlt".
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "mm/mm.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"
#include "x86/traps.h"

/* "int $n; ret" for every n, four bytes apart (as bytes: gas makes
 * "int $3" the one-byte int3). */
extern const char soft_int_stubs[];
asm(".text\n"
    ".balign 4\n"
    ".globl soft_int_stubs\n"
    "soft_int_stubs:\n"
    "	.set	n, 0\n"
    "	.rept	256\n"
    "	.byte	0xCD, n\n"
    "	ret\n"
    "	nop\n"
    "	.set	n, n + 1\n"
    "	.endr\n");

/* Where the CPU would leave %eip: just past the "int". */
static u32 expected_eip;

static int cpu_pushes_error_code(u32 v)
{
	return v == 8 || (v >= 10 && v <= 14) || v == 17;
}

static void soft_handler(struct trap_frame *f)
{
	/* Our stub for a vector the CPU gives an error code pushes none of
	 * its own, so after an "int" the CPU's %eip sits in the error code's
	 * place and %cs in %eip's. */
	int shifted = cpu_pushes_error_code(f->vector);
	u32 eip = shifted ? f->errcode : f->eip, cs = shifted ? f->eip : f->cs;

	printk("hostile-soft-int: int $%u reached the Guest's handler from ring %u, "
	       "eip 0x%x: %s\n", f->vector, cs & 3, eip,
	       eip == expected_eip ? "no error code, as on a CPU" : "NOT as on a CPU");
	asm volatile("hlt");
}

static void gp_handler(struct trap_frame *f)
{
	printk("hostile-soft-int: #GP from ring %u at eip 0x%x, error code 0x%x%s\n",
	       f->cs & 3, f->eip, f->errcode,
	       f->eip == expected_eip - 2 ? " (the int itself)" : "");
	asm volatile("hlt");
}

/* The Host's vectors: it refuses a gate for them. */
static int hosts_vector(u32 v)
{
	return v == 2 || v == 8 || v == LGUEST_TRAP_ENTRY || v == LGUEST_FLOOR_VECTOR;
}

/* Ring 3 runs "int $v; jmp ." from a user page. */
static void int_from_ring3(u32 v)
{
	const u32 code_va = 0x40000000u, stack_va = 0x40001000u;
	static u8 kernel_stack[4096] __attribute__((aligned(16)));
	static struct mm user;
	u32 frame = frame_alloc();
	const u8 code[] = { 0xCD, (u8)v, 0xEB, 0xFE };

	mm_create(&user);
	mm_map(&user, code_va, frame, PTE_RW | PTE_USER);
	mm_map(&user, stack_va, frame_alloc(), PTE_RW | PTE_USER);
	memcpy(__va(frame), code, sizeof(code));
	mm_switch(&user);
	pv_set_kernel_stack((u32)kernel_stack + sizeof(kernel_stack));
	expected_eip = code_va + 2;
	asm volatile("movl %[ds], %%eax; movl %%eax, %%ds; movl %%eax, %%es\n\t"
		     "pushl %[ds]; pushl %[sp]; pushfl; pushl %[cs]; pushl %[ip]; iret"
		     : : [ds] "i"(USER_DS), [sp] "i"(stack_va + 4096), [cs] "i"(USER_CS),
		       [ip] "r"(code_va) : "eax", "memory");
}

static void hostile_soft_int(void)
{
	u32 v = (u32)cmdline_number("vec", 14) & 0xFF;
	char gate[8] = "kernel";

	cmdline_value("gate", gate, sizeof(gate));
	pv_irq_disable();
	if (v != 13)
		set_trap_handler(13, gp_handler, 0);
	if (!hosts_vector(v))
		set_trap_handler(v, strcmp(gate, "none") ? soft_handler : NULL,
				 !strcmp(gate, "user"));
	printk("hostile-soft-int: int $%u from ring %u, the Guest's gate: %s\n", v,
	       cmdline_number("ring", 1) == 3 ? 3 : 1, hosts_vector(v) ? "the Host's" : gate);
	if (cmdline_number("ring", 1) == 3) {
		int_from_ring3(v);
		crash("hostile-soft-int: came back from ring 3");
	}
	expected_eip = (u32)soft_int_stubs + 4 * v + 2;
	((void (*)(void))(soft_int_stubs + 4 * v))();
	printk("hostile-soft-int: int $%u came back with no handler of ours run\n", v);
}

GUEST_TEST("hostile-soft-int", hostile_soft_int);
