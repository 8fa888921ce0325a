/*
 * Emulation: what the Host does with an instruction that faulted.
 *
 * IN and OUT are the only instructions a well-behaved Guest may stumble on
 * (probing for hardware that is not there): an IN reads all ones, the
 * traditional "nothing here", and an OUT goes nowhere.  Either way the Guest
 * steps past it.  Anything else privileged is a Guest bug: the caller kills
 * it, naming the instruction.
 */
#include "decode.h"
#include "lg.h"

/* Read up to len bytes of the Guest's code at its eip, page by page through
 * its own mappings.  Returns how many bytes it could read. */
static u32 fetch_code(struct lguest *lg, u32 eip, u8 *buf, u32 len)
{
	u32 got = 0;

	while (got < len) {
		u32 gpa;
		u8 *p;

		if (!guest_virt_to_phys(lg, eip + got, &gpa))
			break;
		p = guest_ptr(lg, gpa, 1);
		if (!p)
			break;
		buf[got++] = *p;
	}
	return got;
}

/* Returns 1 if it emulated the instruction, 0 if the Guest must answer for
 * it; *name then says what it was (or NULL when it is not one we know). */
int emulate_insn(struct lguest *lg, const char **name)
{
	u8 code[15];
	u32 n = fetch_code(lg, lg->regs->eip, code, sizeof(code));
	struct insn insn;

	*name = NULL;
	if (!decode_insn(code, n, &insn))
		return 0;
	*name = insn.name;
	if (!insn.is_io)
		return 0;
	if (insn.io_in) {
		u32 mask = insn.io_size == 4 ? 0xFFFFFFFFu :
			   insn.io_size == 2 ? 0xFFFFu : 0xFFu;

		lg->regs->eax |= mask;
	}
	lg->regs->eip += insn.len;
	return 1;
}
