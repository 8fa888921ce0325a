/* kill_guest() for the unit tests, as the Host's does it: the first
 * message stays, and the Guest is marked killed for the checks to see. */
#include <stdarg.h>
#include <stdio.h>
#include "../../host/core/lg.h"

void kill_guest(struct lguest *lg, const char *fmt, ...)
{
	va_list ap;

	if (lg->end == GUEST_KILLED)
		return;
	va_start(ap, fmt);
	vsnprintf(lg->message, sizeof(lg->message), fmt, ap);
	va_end(ap);
	lg->end = GUEST_KILLED;
}
