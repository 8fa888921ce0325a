/*
 * The CMOS real-time clock at ports 0x70 (index) and 0x71 (data), read
 * the same way by both kernels: the Host on the machine, the Guest when
 * it boots native.  (On the Host, a Guest asks the Host instead.)
 */
#include "cmos.h"
#include "port_io.h"
#include "rtc.h"

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define CMOS_NMI_OFF	0x80	/* kept set: we never want the NMI line */

static u8 cmos_read(u8 reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

s64 cmos_time(void)
{
	return rtc_read(cmos_read);
}
