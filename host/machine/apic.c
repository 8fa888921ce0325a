/*
 * The local APIC timer and the TSC (apic.h).
 *
 * Neither says how fast it runs, so both are measured against the one
 * clock that does: the PIT, whose counters count down at 1193182 Hz.
 * Channel 0 is the one microvm's PIT surely runs (channel 2's gate hangs on
 * a PC speaker port microvm does not have); with interrupts off it can be
 * read without raising one.  Two milliseconds of it give each a rate to
 * within a percent: enough for clock events, and short, because
 * under QEMU's -icount every millisecond of waiting is a million
 * instructions of boot.
 */
#include "apic.h"
#include "console.h"
#include "paging.h"
#include "x86.h"

#define LAPIC_BASE	0xFEE00000u
#define LAPIC_EOI	0x0B0
#define LAPIC_SVR	0x0F0
#define LAPIC_LVT_TIMER	0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	0x390
#define LAPIC_TIMER_DIV	0x3E0
#define LAPIC_ENABLE	0x100
#define LVT_MASKED	0x10000u
#define SPURIOUS_VECTOR	0xFF

#define PIT_HZ		1193182u
/* 1 ms of PIT, as the native Guest measures too: a port read's few
 * microseconds of error are under 1%, and every millisecond here is a
 * million instructions of every boot under -icount. */
#define CALIBRATE_PIT_TICKS (PIT_HZ / 1000)

u32 tsc_khz;
static u32 apic_khz;	/* timer ticks per millisecond, divide-by-1 */

static volatile u32 *lapic(u32 reg)
{
	return (volatile u32 *)(LAPIC_BASE + reg);
}

void apic_eoi(void)
{
	*lapic(LAPIC_EOI) = 0;
}

static u32 pit_count(void)
{
	u32 lo, hi;

	outb(0x43, 0x00);	/* latch channel 0 */
	lo = inb(0x40);
	hi = inb(0x40);
	return lo | (hi << 8);
}

/* Count TSC and APIC timer ticks across CALIBRATE_PIT_TICKS or a little
 * more of PIT channel 0, and scale by what the PIT really counted. */
static void calibrate(void)
{
	u32 start, elapsed, a0, a1;
	u64 t0, t1;

	outb(0x43, 0x30);	/* channel 0, low then high byte, mode 0 */
	outb(0x40, 0xFF);
	outb(0x40, 0xFF);
	*lapic(LAPIC_TIMER_INIT) = 0xFFFFFFFFu;
	start = pit_count();
	a0 = *lapic(LAPIC_TIMER_CUR);
	t0 = rdtsc();
	while ((elapsed = start - pit_count()) < CALIBRATE_PIT_TICKS)
		;
	t1 = rdtsc();
	a1 = *lapic(LAPIC_TIMER_CUR);
	*lapic(LAPIC_TIMER_INIT) = 0;
	/* Per millisecond: ticks * PIT_HZ / (elapsed * 1000). */
	tsc_khz = (u32)((t1 - t0) * PIT_HZ / ((u64)elapsed * 1000));
	apic_khz = (u32)((u64)(a0 - a1) * PIT_HZ / ((u64)elapsed * 1000));
	if (!tsc_khz || !apic_khz)
		panic("cannot measure the TSC (%u kHz) or the APIC timer (%u kHz) "
		      "against the PIT", tsc_khz, apic_khz);
}

void apic_init(void)
{
	paging_map_device(LAPIC_BASE);
	*lapic(LAPIC_SVR) = LAPIC_ENABLE | SPURIOUS_VECTOR;
	*lapic(LAPIC_TIMER_DIV) = 0xB;		/* divide by 1 */
	*lapic(LAPIC_LVT_TIMER) = LVT_MASKED | APIC_TIMER_VECTOR;
	calibrate();
	*lapic(LAPIC_LVT_TIMER) = APIC_TIMER_VECTOR;	/* one-shot, unmasked */
	host_debug("TSC %u kHz, APIC timer %u kHz", tsc_khz, apic_khz);
}

void apic_timer_at(u64 deadline)
{
	u64 now = rdtsc(), ticks;

	if (deadline <= now) {
		ticks = 1;
	} else {
		/* TSC ticks to APIC ticks, without overflowing 64 bits for
		 * any deadline a 32-bit nanosecond request can make. */
		ticks = (deadline - now) * apic_khz / tsc_khz;
		if (ticks == 0)
			ticks = 1;
		if (ticks > 0xFFFFFFFFu)
			ticks = 0xFFFFFFFFu;
	}
	*lapic(LAPIC_TIMER_INIT) = (u32)ticks;
}
