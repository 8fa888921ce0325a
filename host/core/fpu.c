/* Lazy FPU switching: not yet. */
#include "lg.h"

void guest_set_ts(struct lguest *lg, u32 on)
{
	kill_guest(lg, "LHCALL_TS is not supported yet");
}
