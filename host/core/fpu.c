/*
 * Lazy FPU switching, as the Guest sees it.
 *
 * A kernel that switches tasks does not save the FPU registers on every
 * switch: it sets CR0.TS, and the first FPU or SSE instruction the next
 * task runs raises #NM ("device not available"); only then does the
 * kernel save the old task's registers and load the new one's.  A Guest
 * kernel at ring 1 may not write CR0, so it asks with LHCALL_TS, and the
 * Host keeps that bit (lg->ts) and puts it in the real CR0 before the
 * next entry.  A #NM then can only mean the Guest's TS was set, and it goes to
 * the Guest's own handler.
 *
 * The Host has nothing of its own to switch: it is built with
 * -mno-80387 -mno-sse and never touches the FPU, so whatever is in the
 * x87 and SSE registers is the Guest's, across every trip through the
 * Host.  (The original, a module in a Linux that used the FPU itself, had
 * to save and restore the Guest's registers around its own use.)
 */
#include "lg.h"

void guest_set_ts(struct lguest *lg, u32 on)
{
	if (on > 1) {
		kill_guest(lg, "LHCALL_TS: %u is neither 1 (set) nor 0 (clear)", on);
		return;
	}
	if (lg->ts != on) {
		lg->ts = on;
		entry_check_again(lg);	/* so fpu_before_entry() runs */
	}
}

/* lg->real_ts is what we last wrote.  Nothing else changes CR0.TS (we
 * make no hardware task switches), so we need not read CR0 to know, which
 * would cost a trip out of QEMU's generated code each entry. */
void fpu_load_ts(struct lguest *lg)
{
#ifndef LGUEST_UNIT_TEST
	u32 cr0 = read_cr0();

	write_cr0(lg->ts ? cr0 | X86_CR0_TS : cr0 & ~X86_CR0_TS);
#endif
	lg->real_ts = lg->ts;
}

/* With the Guest's TS clear the real one is clear too, and no FPU
 * instruction can raise #NM (CR0.EM is off): one that does anyway means
 * the Host set the machine up wrong.  Looping back into the Guest would
 * fault again for ever, so it ends here. */
int fpu_trap_is_guests(struct lguest *lg)
{
	if (lg->ts)
		return 1;
	kill_guest(lg, "device not available (trap 7) at eip 0x%x while its "
		   "TS was clear: the Host's FPU set-up is broken", lg->regs->eip);
	return 0;
}
