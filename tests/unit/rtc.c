/* lib/rtc.c: the real-time clock's registers to Unix time, in each of the
 * chip's forms, and read from a chip that updates while we read it.
 * The expected times are Python's calendar.timegm() of the same dates. */
#include "check.h"
#include "rtc.h"

static u8 bcd(int v)
{
	return (u8)(v / 10 << 4 | v % 10);
}

/* A date in BCD, 24-hour form: how QEMU's RTC starts. */
static struct rtc_regs date(int y, int mo, int d, int h, int mi, int s)
{
	return (struct rtc_regs){ bcd(s), bcd(mi), bcd(h), bcd(d), bcd(mo), bcd(y % 100),
				  bcd(y / 100), RTC_B_24H };
}

/* A chip for rtc_read: its registers; how many reads of register A find
 * an update under way; and, after tick_after reads, the seconds move on
 * by one, as an update that finished between two reads would. */
static u8 chip[0x40];
static int busy_reads, tick_after = -1, reads;

static u8 read_chip(u8 reg)
{
	if (reads++ == tick_after)
		chip[RTC_REG_SEC]++;	/* binary seconds in these tests */
	if (reg == RTC_REG_A)
		return busy_reads > 0 ? (busy_reads--, RTC_A_UIP) : 0;
	return chip[reg];
}

static void set_chip(int busy, int tick)
{
	const u8 regs[] = { [RTC_REG_SEC] = 2, [RTC_REG_MIN] = 24, [RTC_REG_HOUR] = 9,
			    [RTC_REG_MDAY] = 27, [RTC_REG_MON] = 11, [RTC_REG_YEAR] = 26,
			    [RTC_REG_B] = RTC_B_BINARY | RTC_B_24H, [RTC_REG_CENTURY] = 20 };

	for (unsigned i = 0; i < sizeof(chip); i++)
		chip[i] = i < sizeof(regs) ? regs[i] : 0;
	busy_reads = busy;
	tick_after = tick;
	reads = 0;
}

int main(void)
{
	struct rtc_regs r;

	r = date(2026, 11, 27, 9, 24, 2);
	CHECK(rtc_decode(&r) == 1795771442, "BCD, 24-hour: 2026-11-27 09:24:02");
	r = date(1970, 1, 1, 0, 0, 0);
	CHECK(rtc_decode(&r) == 0, "the epoch itself is 0");
	r = date(2024, 2, 29, 23, 59, 59);
	CHECK(rtc_decode(&r) == 1709251199, "a leap day");
	r = date(2023, 2, 29, 12, 0, 0);
	CHECK(rtc_decode(&r) == -1, "29 February of a common year is refused");
	r = date(2100, 2, 29, 12, 0, 0);
	CHECK(rtc_decode(&r) == -1, "2100 is not a leap year");
	r = date(2100, 3, 1, 0, 0, 0);
	CHECK(rtc_decode(&r) == 4107542400, "the century register is used (2100)");

	r = date(2069, 12, 31, 12, 0, 0);
	r.century = 0;
	CHECK(rtc_decode(&r) == 3155716800, "no century: year 69 is 2069");
	r = date(2000, 1, 1, 0, 0, 0);
	r.century = 0;
	r.year = bcd(99);
	CHECK(rtc_decode(&r) > 0 && rtc_decode(&r) < 946684800, "no century: year 99 is 1999");

	r = (struct rtc_regs){ 2, 24, 9, 27, 11, 26, 20, RTC_B_BINARY | RTC_B_24H };
	CHECK(rtc_decode(&r) == 1795771442, "binary, 24-hour");
	r = (struct rtc_regs){ 2, 24, 9 | RTC_HOUR_PM, 27, 11, 26, 20, RTC_B_BINARY };
	CHECK(rtc_decode(&r) == 1795771442 + 12 * 3600, "binary, 12-hour: 9 PM");
	r = date(2026, 11, 27, 12, 24, 2);
	r.status_b = 0;
	CHECK(rtc_decode(&r) == 1795771442 - 9 * 3600, "BCD, 12-hour: 12 AM is midnight");
	r.hour = bcd(12) | RTC_HOUR_PM;
	CHECK(rtc_decode(&r) == 1795771442 + 3 * 3600, "BCD, 12-hour: 12 PM is noon");
	r.hour = bcd(13);
	CHECK(rtc_decode(&r) == -1, "12-hour form: hour 13 is refused");

	r = date(2026, 11, 27, 9, 24, 2);
	r.min = 0x5A;
	CHECK(rtc_decode(&r) == -1, "a BCD digit over 9 is refused");
	r = date(2026, 13, 1, 0, 0, 0);
	CHECK(rtc_decode(&r) == -1, "month 13 is refused");
	r = date(2026, 11, 27, 24, 0, 0);
	CHECK(rtc_decode(&r) == -1, "hour 24 is refused");
	r = (struct rtc_regs){ 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
	CHECK(rtc_decode(&r) == -1, "a missing chip (0xFF throughout) is no time");

	set_chip(0, -1);
	CHECK(rtc_read(read_chip) == 1795771442, "a quiet chip is read at once");
	set_chip(500, -1);
	CHECK(rtc_read(read_chip) == 1795771442, "an update under way is waited out");
	set_chip(1000000, -1);
	CHECK(rtc_read(read_chip) == -1 && reads <= 10000 + 1,
	      "a chip forever updating reads as no time, in bounded reads (%d)", reads);
	set_chip(0, 3);
	CHECK(rtc_read(read_chip) == 1795771443, "a tick between two readings: read again");
	return check_done();
}
