/*
 * Emulation: what the Host does with an instruction that faulted in the
 * Guest kernel.
 *
 * IN and OUT are the only instructions a well-behaved Guest may stumble on
 * (probing for hardware that is not there): an IN reads all ones, the
 * traditional "nothing here", and an OUT goes nowhere.  Either way the
 * Guest steps past it.  No port reaches the machine: not the serial line,
 * not the isa-debug-exit port that ends the machine with a status, nothing.
 * Anything else privileged is a Guest bug: the caller kills it, naming the
 * instruction.
 */
#include "decode.h"
#include "mmio_decode.h"
#include "kstring.h"
#include "lg.h"

/* Read up to len bytes of the Guest's memory at linear address addr,
 * through its own mappings, a page at a time.  Returns how many it could:
 * an instruction may run into an unmapped page or off the end of RAM. */
static u32 fetch_guest(struct lguest *lg, u32 addr, u8 *buf, u32 len)
{
	u32 got = 0;

	while (got < len) {
		u32 gpa, n = PAGE_SIZE - ((addr + got) & ~PAGE_MASK);
		const u8 *p;

		if (n > len - got)
			n = len - got;
		if (!guest_virt_to_phys(lg, addr + got, &gpa))
			break;
		/* The page may be the last of RAM and shorter than n. */
		if (n > lg->mem_size - gpa)
			n = lg->mem_size - gpa;
		p = guest_ptr(lg, gpa, n);
		if (!p || !n)
			break;
		memcpy(buf + got, p, n);
		got += n;
	}
	return got;
}

/*
 * An "iret" at ring 1 faults for many reasons the Guest kernel may want to
 * handle itself (a bad user segment, say); one is an attempt on the Host:
 * a return to ring 0.  The %cs it meant to load is the second word on its
 * stack.
 */
static int iret_to_ring0(struct lguest *lg, const struct insn *insn)
{
	struct lguest_regs *r = lg->regs;
	u32 size = insn->opsize16 ? 2 : 4, cs = 0;
	u8 buf[4];

	if (fetch_guest(lg, guest_segment_base(lg, r->ss) + r->esp + size,
			buf, size) != size)
		return 0;
	for (u32 i = 0; i < size; i++)
		cs |= (u32)buf[i] << (8 * i);
	return (cs & 3) == 0;
}

/* Returns 1 if it emulated the instruction, 0 if the Guest must answer for
 * it; *name then says what it was (or NULL when it is not one we know). */
int emulate_insn(struct lguest *lg, const char **name)
{
	struct lguest_regs *r = lg->regs;
	u8 code[15];
	u32 n = fetch_guest(lg, guest_segment_base(lg, r->cs) + r->eip,
			    code, sizeof(code));
	struct insn insn;

	*name = NULL;
	if (!decode_insn(code, n, guest_segment_16bit(lg, r->cs), &insn))
		return 0;
	if (insn.is_iret) {
		if (iret_to_ring0(lg, &insn))
			*name = "iret to ring 0";
		return 0;
	}
	/* Each of the others faults with error code 0 when it is privileged:
	 * any other code means something else went wrong, for the Guest. */
	if (r->errcode != 0)
		return 0;
	*name = insn.name;
	if (!insn.is_io)
		return 0;
	if (insn.io_in) {
		u32 mask = insn.io_size == 4 ? 0xFFFFFFFFu :
			   insn.io_size == 2 ? 0xFFFFu : 0xFFu;

		r->eax |= mask;
	}
	r->eip += insn.len;
	return 1;
}

/*
 * A #GP whose error code is vector * 8 + 2 (an IDT entry, not an external
 * event): an "int", "int3" or "into" the real IDT refused, from either of
 * the Guest's rings.  Only if the instruction at %eip is that interrupt:
 * then deliver_soft_int() decides, with its length.
 */
int emulate_soft_int(struct lguest *lg)
{
	struct lguest_regs *r = lg->regs;
	u8 code[15];
	u32 n;
	struct insn insn;

	if ((r->errcode & 3) != 2)
		return 0;
	n = fetch_guest(lg, guest_segment_base(lg, r->cs) + r->eip, code, sizeof(code));
	if (!decode_insn(code, n, guest_segment_16bit(lg, r->cs), &insn) ||
	    !insn.is_int || insn.int_vector != r->errcode >> 3)
		return 0;
	return deliver_soft_int(lg, insn.int_vector, insn.len);
}

/*
 * A load or store to a device's registers (lg->device_gpa): decode the
 * instruction, let the launcher play the device, and step past it.  Returns
 * 1 if it was played; otherwise the Guest has been killed, or the access
 * was not to a device and the Guest gets the page fault.  mmio_decode()
 * reads 32-bit code: in a 16-bit %cs the same bytes mean other operand
 * sizes and addressing (64 8B 07 loads a word from %fs:(%bx), not a long
 * from %fs:(%edi)), so an access from there is refused, not misplayed.
 */
int emulate_device_access(struct lguest *lg)
{
	struct lguest_regs *r = lg->regs;
	struct mmio_insn m;
	u8 code[15];
	u32 n = fetch_guest(lg, guest_segment_base(lg, r->cs) + r->eip, code, sizeof(code));
	u32 value = 0;

	if (guest_segment_16bit(lg, r->cs)) {
		kill_guest(lg, "a 16-bit code segment accessed device memory at 0x%x "
			   "(eip 0x%x): the Host plays only 32-bit code's accesses",
			   lg->device_gpa, r->eip);
		return 0;
	}
	if (!mmio_decode(code, n, &m)) {
		kill_guest(lg, "an instruction the Host cannot play accessed device "
			   "memory at 0x%x (eip 0x%x)", lg->device_gpa, r->eip);
		return 0;
	}
	if (m.write)
		value = mmio_store_value(r, &m);
	if (!launcher_device_access(lg, lg->device_gpa, m.write, m.size, &value))
		return 0;
	if (!m.write)
		mmio_complete_load(r, &m, value);
	r->eip += m.len;
	return lg->end == GUEST_RUNNING;
}
