#ifndef LGUEST_CMOS_H
#define LGUEST_CMOS_H

#include <lguest/types.h>

/* The machine's time of day in seconds since 1970 (UTC, as QEMU keeps
 * it), or -1 when it has no real-time clock or the clock says nonsense. */
s64 cmos_time(void);

#endif
