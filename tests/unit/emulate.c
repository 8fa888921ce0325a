/*
 * host/core/emulate.c: IN and OUT emulated and stepped over, the rest
 * named for the kill, "iret" to ring 0 told from other faulting irets,
 * and code read through %cs's base and never past the Guest's memory.
 * The Guest's page tables are a stub: virtual is physical, and the last
 * page may be made unmapped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "../../host/core/lg.h"
#include "../../host/machine/desc.h"

#define MEM 16384
static u8 *ram;
static struct lguest lg;
static struct lguest_regs regs;
static u32 unmapped_from = 0xFFFFFFFF;

int guest_virt_to_phys(struct lguest *l, u32 vaddr, u32 *gpa)
{
	if (vaddr >= unmapped_from)
		return 0;
	*gpa = vaddr;
	return vaddr < l->mem_size;
}

/* The launcher's side of a device access: remembers it, and loads read
 * 0xCAFEF00D; an address it does not know is "no device". */
static u32 dev_gpa, dev_size, dev_value;
static int dev_write;

int launcher_device_access(struct lguest *l, u32 gpa, int write, u32 size, u32 *value)
{
	if (gpa < 0x100000)
		return 0;
	dev_gpa = gpa;
	dev_write = write;
	dev_size = size;
	if (write)
		dev_value = *value;
	else
		*value = 0xCAFEF00D;
	return 1;
}

/* The Guest's own gate, as interrupts_and_traps.c checks it: a stub that
 * remembers what it was asked and answers gate_admits. */
static unsigned soft_vector, soft_len, gate_admits;

int deliver_soft_int(struct lguest *l, unsigned vector, u32 len)
{
	soft_vector = vector;
	soft_len = len;
	return gate_admits;
}

static void boot(void)
{
	memset(&lg, 0, sizeof(lg));
	lg.mem = ram;
	lg.mem_size = MEM;
	lg.regs = &regs;
	setup_guest_gdt(&lg);
	regs = (struct lguest_regs){ .cs = LGUEST_KERNEL_CS, .ss = LGUEST_KERNEL_DS,
				     .eip = 0x1000, .esp = 0x2000, .trapnum = 13 };
	unmapped_from = 0xFFFFFFFF;
}

/* Put code at eip and emulate it: 1 if emulated; *name as emulate left it. */
static int run(u32 eip, const u8 *code, u32 len, const char **name)
{
	memcpy(ram + eip, code, len);
	regs.eip = eip;
	return emulate_insn(&lg, name);
}

static void test_io(void)
{
	const char *name;

	boot();
	regs.eax = 0x12345600;
	CHECK(run(0x1000, (u8[]){ 0xE4, 0x60 }, 2, &name) && regs.eax == 0x123456FF &&
	      regs.eip == 0x1002 && !strcmp(name, "in"), "inb $0x60: %%al all ones, stepped over");
	regs.eax = 0;
	CHECK(run(0x1000, (u8[]){ 0x66, 0xED }, 2, &name) && regs.eax == 0xFFFF && regs.eip == 0x1002,
	      "inw %%dx: %%ax all ones");
	regs.eax = 0;
	CHECK(run(0x1000, (u8[]){ 0x2E, 0xED }, 2, &name) && regs.eax == 0xFFFFFFFF && regs.eip == 0x1002,
	      "inl %%dx behind a prefix: %%eax all ones");
	regs.eax = 0x5A;
	regs.edx = 0xF4;
	CHECK(run(0x1000, (u8[]){ 0xEE }, 1, &name) && regs.eax == 0x5A && regs.eip == 0x1001 &&
	      !strcmp(name, "out"), "outb to the exit port: dropped, stepped over");
	regs.errcode = 8;
	CHECK(!run(0x1000, (u8[]){ 0xEC }, 1, &name) && regs.eip == 0x1000 && name == NULL,
	      "a fault with an error code is not an IN to emulate");
}

static void test_fetch(void)
{
	const char *name;

	boot();
	CHECK(!run(MEM - 1, (u8[]){ 0xE4 }, 1, &name) && name == NULL && regs.eip == MEM - 1,
	      "inb imm8 cut off by the end of memory is not emulated (no read past it)");
	boot();
	unmapped_from = 0x2000;
	CHECK(!run(0x1FFF, (u8[]){ 0x66 }, 1, &name) && name == NULL,
	      "an instruction running into an unmapped page is not emulated");
	boot();
	regs.eip = 0xFFFFFFFF;
	CHECK(emulate_insn(&lg, &name) == 0 && name == NULL, "%%eip outside memory: nothing read");
	boot();
	CHECK(!run(0x1000, (u8[]){ 0xFA }, 1, &name) && !strcmp(name, "cli"), "cli is named");
	CHECK(!run(0x1000, (u8[]){ 0x0F, 0x01, 0x10 }, 3, &name) && !strcmp(name, "lgdt"), "lgdt is named");
	CHECK(!run(0x1000, (u8[]){ 0x90 }, 1, &name) && name == NULL, "nop is nobody's");

	/* Code read through %cs's base. */
	boot();
	u64 d = make_segment(0x800, 0xFFFFF, 0xBA, 1);
	load_guest_gdt_entry(&lg, 12, (u32)d, (u32)(d >> 32));
	regs.cs = 12 * 8 + 1;
	memset(ram + 0x1000, 0x90, 16);
	CHECK(run(0x1800, (u8[]){ 0xE4, 0x10 }, 2, &name) == 0, "setting up: nop at %%cs:0x1000");
	regs.eip = 0x1000;
	CHECK(emulate_insn(&lg, &name) && regs.eip == 0x1002,
	      "%%cs based at 0x800: the inb at linear 0x1800 is what runs at %%eip 0x1000");
}

/* A 16-bit code segment: "in %dx, %ax" has no prefix there. */
static void test_code16(void)
{
	const char *name;
	u64 d = make_segment(0, 0xFFFF, 0xBA, 0) & ~(1ull << 54);	/* D clear */

	boot();
	load_guest_gdt_entry(&lg, 12, (u32)d, (u32)(d >> 32));
	regs.cs = 12 * 8 + 1;
	regs.eax = 0x12340000;
	CHECK(run(0x1000, (u8[]){ 0xED }, 1, &name) && regs.eax == 0x1234FFFF && regs.eip == 0x1001,
	      "16-bit code: inw %%dx without a prefix fills just %%ax");
}

static void test_iret(void)
{
	const char *name;

	boot();
	regs.errcode = 8;
	memcpy(ram + 0x2004, &(u32){ LGUEST_CS }, 4);
	CHECK(!run(0x1000, (u8[]){ 0xCF }, 1, &name) && name && !strcmp(name, "iret to ring 0"),
	      "iret to the Host's %%cs is named");
	memcpy(ram + 0x2004, &(u32){ GDT_ENTRY_KERNEL_CS * 8 }, 4);
	CHECK(!run(0x1000, (u8[]){ 0xCF }, 1, &name) && name && !strcmp(name, "iret to ring 0"),
	      "iret with RPL 0 on the Guest's %%cs is named");
	memcpy(ram + 0x2004, &(u32){ USER_CS }, 4);
	CHECK(!run(0x1000, (u8[]){ 0xCF }, 1, &name) && name == NULL,
	      "an iret to ring 3 that faulted is the Guest's to handle");
	memcpy(ram + 0x2002, &(u16){ LGUEST_CS }, 2);
	memcpy(ram + 0x2004, &(u32){ USER_CS }, 4);
	CHECK(!run(0x1000, (u8[]){ 0x66, 0xCF }, 2, &name) && name && !strcmp(name, "iret to ring 0"),
	      "iretw reads its 16-bit %%cs");
	regs.esp = MEM - 6;
	CHECK(!run(0x1000, (u8[]){ 0xCF }, 1, &name) && name == NULL,
	      "a stack running off the end of memory: not read past it");
}

/* A #GP that is a refused software interrupt goes to the Guest's gate
 * with the instruction's vector and length; nothing else does. */
static int soft_int(u32 errcode, const u8 *code, u32 len)
{
	memcpy(ram + 0x1000, code, len);
	regs.eip = 0x1000;
	regs.errcode = errcode;
	soft_vector = soft_len = 0;
	return emulate_soft_int(&lg);
}

static void test_soft_int(void)
{
	boot();
	gate_admits = 1;
	CHECK(soft_int(14 * 8 + 2, (u8[]){ 0xCD, 0x0E }, 2) && soft_vector == 14 && soft_len == 2,
	      "int $14 refused by the IDT: vector 14, 2 bytes, to the Guest's gate");
	CHECK(soft_int(0xEF * 8 + 2, (u8[]){ 0x3E, 0xCD, 0xEF }, 3) && soft_vector == 0xEF &&
	      soft_len == 3, "int $0xef behind a prefix: 3 bytes");
	CHECK(soft_int(3 * 8 + 2, (u8[]){ 0xCC }, 1) && soft_vector == 3 && soft_len == 1,
	      "int3: vector 3, 1 byte");
	CHECK(!soft_int(14 * 8 + 3, (u8[]){ 0xCD, 0x0E }, 2) && soft_len == 0,
	      "the external bit set: not an int, the #GP stands");
	CHECK(!soft_int(0, (u8[]){ 0xCD, 0x0E }, 2) && soft_len == 0,
	      "error code 0 at an int: not the IDT's refusal");
	CHECK(!soft_int(13 * 8 + 2, (u8[]){ 0xCD, 0x0E }, 2) && soft_len == 0,
	      "the error code's vector is not the instruction's: the #GP stands");
	CHECK(!soft_int(14 * 8 + 2, (u8[]){ 0x90 }, 1) && soft_len == 0,
	      "no int at %%eip: the #GP stands");
	gate_admits = 0;
	CHECK(!soft_int(0x80 * 8 + 2, (u8[]){ 0xCD, 0x80 }, 2) && soft_vector == 0x80,
	      "a gate that does not admit the ring: the #GP stands");
}

/* Device registers: the access decoded, played, and stepped over. */
static void test_device(void)
{
	u64 d;

	boot();
	memcpy(ram + 0x1000, (u8[]){ 0x8B, 0x43, 0x70 }, 3);	/* mov 0x70(%ebx),%eax */
	lg.device_gpa = 0x100070;
	CHECK(emulate_device_access(&lg) && regs.eax == 0xCAFEF00D && regs.eip == 0x1003 &&
	      dev_gpa == 0x100070 && !dev_write && dev_size == 4,
	      "a device load fills the register and steps over");
	regs.ecx = 0x1234;
	memcpy(ram + 0x1003, (u8[]){ 0x66, 0x89, 0x48, 0x50 }, 4);	/* mov %cx,0x50(%eax) */
	lg.device_gpa = 0x100050;
	CHECK(emulate_device_access(&lg) && dev_write && dev_size == 2 && dev_value == 0x1234 &&
	      regs.eip == 0x1007, "a 16-bit device store takes %%cx");
	memcpy(ram + 0x1007, (u8[]){ 0x01, 0x00 }, 2);	/* add %eax,(%eax) */
	lg.device_gpa = 0x100000;
	CHECK(!emulate_device_access(&lg) && lg.end == GUEST_KILLED,
	      "an instruction it cannot play kills the Guest");

	/* 64 8B 07 in 16-bit code loads %ax from %fs:(%bx); played as
	 * 32-bit code it would fill all of %eax. */
	boot();
	d = make_segment(0, 0xFFFF, 0xBA, 0) & ~(1ull << 54);	/* D clear */
	load_guest_gdt_entry(&lg, 12, (u32)d, (u32)(d >> 32));
	regs.cs = 12 * 8 + 1;
	regs.eax = 0x12345678;
	memcpy(ram + 0x1000, (u8[]){ 0x64, 0x8B, 0x07 }, 3);
	lg.device_gpa = 0x100000;
	dev_size = 0;
	CHECK(!emulate_device_access(&lg) && lg.end == GUEST_KILLED && dev_size == 0 &&
	      regs.eax == 0x12345678 && strstr(lg.message, "a 16-bit code segment accessed device memory"),
	      "a device access from a 16-bit code segment kills the Guest, the device untouched");
}

int main(void)
{
	ram = malloc(MEM);
	memset(ram, 0, MEM);
	test_io();
	test_fetch();
	test_code16();
	test_iret();
	test_soft_int();
	test_device();
	free(ram);
	return check_done();
}
