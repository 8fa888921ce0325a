/*
 * The time of day from the PC's real-time clock (the MC146818 every PC has
 * had since the AT, and QEMU's microvm too): the only clock of a machine
 * that keeps going while it is off.  It counts seconds to years in CMOS
 * registers, in BCD or binary and in 12- or 24-hour form as register B
 * says, and it may be in the middle of an update while we read it.
 *
 * rtc_decode() is plain C, tested natively; rtc_read() reads the chip
 * through the read_reg it is given (port 0x70/0x71 in each kernel).
 */
#ifndef LGUEST_RTC_H
#define LGUEST_RTC_H

#include <lguest/types.h>

/* The registers that tell the time, as read. */
struct rtc_regs {
	u8 sec, min, hour, mday, mon, year, century;	/* century: 0 if none */
	u8 status_b;
};

#define RTC_REG_SEC	0x00
#define RTC_REG_MIN	0x02
#define RTC_REG_HOUR	0x04
#define RTC_REG_MDAY	0x07
#define RTC_REG_MON	0x08
#define RTC_REG_YEAR	0x09
#define RTC_REG_A	0x0A	/* bit 7: an update is under way */
#define RTC_REG_B	0x0B	/* bit 2: binary, not BCD; bit 1: 24-hour */
#define RTC_REG_CENTURY	0x32	/* where PCs (and QEMU) keep the century */

#define RTC_A_UIP	0x80
#define RTC_B_BINARY	0x04
#define RTC_B_24H	0x02
#define RTC_HOUR_PM	0x80	/* in 12-hour form */

/* The time the registers say, in seconds since 1970-01-01 UTC, or -1
 * when they say no time there is (a missing chip reads 0xFF throughout). */
s64 rtc_decode(const struct rtc_regs *r);

/* The chip's time (as rtc_decode), read between two updates: at most a
 * bounded number of tries, so a chip that never settles costs a few
 * milliseconds and reads as -1. */
s64 rtc_read(u8 (*read_reg)(u8 reg));

#endif
