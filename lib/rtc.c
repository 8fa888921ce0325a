/*
 * lib/rtc.h: the real-time clock's registers, decoded and read.
 */
#include "rtc.h"

/* A BCD byte's value, or -1 when either digit is not one. */
static int from_bcd(u8 v)
{
	if ((v & 0x0F) > 9 || (v >> 4) > 9)
		return -1;
	return (v >> 4) * 10 + (v & 0x0F);
}

/* Days from 1970-01-01 to the date (proleptic Gregorian calendar): the
 * year counted from March, so that February's odd length comes last. */
static s64 days_since_epoch(int year, int mon, int mday)
{
	int y = mon <= 2 ? year - 1 : year;
	int era = y / 400;			/* y >= 0 here */
	int yoe = y - era * 400;		/* [0, 399] */
	int doy = (153 * (mon > 2 ? mon - 3 : mon + 9) + 2) / 5 + mday - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (s64)era * 146097 + doe - 719468;
}

static int month_days(int year, int mon)
{
	static const u8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return days[mon - 1] + (mon == 2 && leap);
}

s64 rtc_decode(const struct rtc_regs *r)
{
	int bcd = !(r->status_b & RTC_B_BINARY);
	int pm = !(r->status_b & RTC_B_24H) && (r->hour & RTC_HOUR_PM);
	u8 raw[6] = { r->sec, r->min, (u8)(r->hour & ~RTC_HOUR_PM), r->mday, r->mon, r->year };
	int v[6], century;

	for (int i = 0; i < 6; i++)
		if ((v[i] = bcd ? from_bcd(raw[i]) : raw[i]) < 0)
			return -1;
	century = bcd ? from_bcd(r->century) : r->century;
	/* No century register, or none set: the years 1970 to 2069. */
	if (century <= 0)
		century = v[5] < 70 ? 20 : 19;
	if (!(r->status_b & RTC_B_24H)) {
		if (v[2] < 1 || v[2] > 12)
			return -1;
		v[2] = v[2] % 12 + (pm ? 12 : 0);	/* 12 AM is 0 h */
	}
	int year = century * 100 + v[5];

	if (v[0] > 59 || v[1] > 59 || v[2] > 23 || v[4] < 1 || v[4] > 12 ||
	    v[3] < 1 || v[3] > month_days(year, v[4]) || v[5] > 99 || year < 1970)
		return -1;
	return days_since_epoch(year, v[4], v[3]) * 86400 + v[2] * 3600 + v[1] * 60 + v[0];
}

/* An update takes under 2 ms and starts at most once a second; 10,000
 * reads of register A at a microsecond or more each outlast it. */
#define RTC_TRIES	10000

static void read_all(u8 (*read_reg)(u8), struct rtc_regs *r)
{
	r->sec = read_reg(RTC_REG_SEC);
	r->min = read_reg(RTC_REG_MIN);
	r->hour = read_reg(RTC_REG_HOUR);
	r->mday = read_reg(RTC_REG_MDAY);
	r->mon = read_reg(RTC_REG_MON);
	r->year = read_reg(RTC_REG_YEAR);
	r->century = read_reg(RTC_REG_CENTURY);
	r->status_b = read_reg(RTC_REG_B);
}

/* The same registers twice in a row, with no update under way before the
 * first: then no update split the reading. */
s64 rtc_read(u8 (*read_reg)(u8 reg))
{
	struct rtc_regs a, b;

	for (int i = 0; i < RTC_TRIES; i++) {
		if (read_reg(RTC_REG_A) & RTC_A_UIP)
			continue;
		read_all(read_reg, &a);
		read_all(read_reg, &b);
		if (a.sec == b.sec && a.min == b.min && a.hour == b.hour &&
		    a.mday == b.mday && a.mon == b.mon && a.year == b.year)
			return rtc_decode(&a);
	}
	return -1;
}
