/*
 * host/core/fpu.c: LHCALL_TS takes 0 or 1 and nothing else; the real TS
 * is written only when it differs from the Guest's; a #NM is the Guest's
 * only while its TS is set.  (The CR0 write itself is the hardware layer's:
 * natively only lg->real_ts records it.)
 */
#include <string.h>
#include "check.h"
#include "../../host/core/lg.h"

static struct lguest lg;
static struct lguest_regs regs;

int main(void)
{
	lg.regs = &regs;
	lg.seg_check.cs = LGUEST_KERNEL_CS;
	guest_set_ts(&lg, 1);
	CHECK(lg.ts == 1 && lg.end == GUEST_RUNNING, "LHCALL_TS 1 sets the Guest's TS");
	CHECK(lg.seg_check.cs == 0, "and sends the next entry the slow road, past fpu_before_entry()");
	CHECK(lg.real_ts == 0, "but not the real one until the next entry");
	fpu_before_entry(&lg);
	CHECK(lg.real_ts == 1, "the next entry sets the real TS");
	CHECK(fpu_trap_is_guests(&lg) && lg.end == GUEST_RUNNING, "a #NM with TS set is the Guest's");
	guest_set_ts(&lg, 0);
	fpu_before_entry(&lg);
	CHECK(lg.ts == 0 && lg.real_ts == 0, "LHCALL_TS 0 clears both");
	CHECK(!fpu_trap_is_guests(&lg) && lg.end == GUEST_KILLED && strstr(lg.message, "TS was clear"),
	      "a #NM with TS clear kills, not loops");
	memset(&lg, 0, sizeof(lg));
	lg.regs = &regs;
	guest_set_ts(&lg, 2);
	CHECK(lg.end == GUEST_KILLED && lg.ts == 0 && strstr(lg.message, "neither 1"), "LHCALL_TS 2 kills");
	memset(&lg, 0, sizeof(lg));
	guest_set_ts(&lg, 0xFFFFFFFF);
	CHECK(lg.end == GUEST_KILLED && lg.ts == 0, "LHCALL_TS 0xffffffff kills");
	return check_done();
}
