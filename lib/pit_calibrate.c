/*
 * The measurement of lib/calibrate.h: windows of 200 us of PIT, each
 * bracketed by reads of all three clocks, thrown away when two reads of
 * the PIT in it lie further apart than a running CPU ever leaves them.
 */
#include "calibrate.h"
#include "port_io.h"

#define PIT_CH0		0x40
#define PIT_CMD		0x43
/* 1 ms of PIT in all, as before the windows: every millisecond here is a
 * million instructions of boot under QEMU's -icount. */
#define WINDOW_TICKS	(PIT_HZ / 1000 / CALIBRATE_WINDOWS)
/* 50 us between two reads of the PIT: the CPU stood still between them.
 * (A read takes a few microseconds under emulation.) */
#define STALL_TICKS	60
/* Stalls come and go; a machine that stalls in 100 windows running is
 * measured from what it gave, and says so. */
#define MAX_TRIES	100

static u16 pit_now(void)
{
	u8 lo, hi;

	outb(PIT_CMD, 0x00);	/* latch channel 0 */
	lo = inb(PIT_CH0);
	hi = inb(PIT_CH0);
	return (u16)(lo | hi << 8);
}

static u64 tsc_now(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64)hi << 32 | lo;
}

struct sample {
	u16 pit;
	u32 apic;
	u64 tsc;
};

/* The three clocks at one moment: the PIT read again after the others
 * must not have moved further than a running CPU moves it. */
static int sample(struct sample *s, u32 (*apic_now)(void))
{
	s->pit = pit_now();
	s->apic = apic_now();
	s->tsc = tsc_now();
	return (u16)(s->pit - pit_now()) <= STALL_TICKS;
}

static int window(struct calibrate_window *w, u32 (*apic_now)(void))
{
	struct sample a, b;
	u16 prev, now;

	if (!sample(&a, apic_now))
		return 0;
	prev = a.pit;
	do {
		now = pit_now();
		if ((u16)(prev - now) > STALL_TICKS)
			return 0;
		prev = now;
	} while ((u16)(a.pit - now) < WINDOW_TICKS);
	if (!sample(&b, apic_now) || (u16)(prev - b.pit) > STALL_TICKS)
		return 0;
	w->pit = (u16)(a.pit - b.pit);
	w->apic = a.apic - b.apic;	/* the APIC timer counts down */
	w->tsc = b.tsc - a.tsc;
	return 1;
}

void pit_calibrate(u32 (*apic_now)(void), struct calibration *c)
{
	struct calibrate_window w[CALIBRATE_WINDOWS];
	int n = 0;

	for (int tries = 0; n < CALIBRATE_WINDOWS && tries < MAX_TRIES; tries++)
		n += window(&w[n], apic_now);
	calibrate_combine(w, n, c);
}
