/*
 * The local APIC timer and the TSC (apic.h).
 *
 * Neither says how fast it runs, so both are measured against the one
 * clock that does: the PIT, whose counters count down at 1193182 Hz.
 * Channel 0 is the one microvm's PIT surely runs (channel 2's gate hangs on
 * a PC speaker port microvm does not have); with interrupts off it can be
 * read without raising one.  A millisecond of it, in windows
 * (lib/calibrate.h), gives each a rate to within a percent: enough for
 * clock events, and short, because under QEMU's -icount every
 * millisecond of waiting is a million instructions of boot.
 */
#include "apic.h"
#include "calibrate.h"
#include "cmos.h"
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


u32 tsc_khz;
u64 wallclock_sec, wallclock_tsc;
static u32 apic_khz;	/* timer ticks per millisecond, divide-by-1 */

static volatile u32 *lapic(u32 reg)
{
	return (volatile u32 *)(LAPIC_BASE + reg);
}

void apic_eoi(void)
{
	*lapic(LAPIC_EOI) = 0;
}

static u32 apic_timer_now(void)
{
	return *lapic(LAPIC_TIMER_CUR);
}

/* The TSC's and the APIC timer's rates (lib/calibrate.h); rates the
 * windows do not agree on are logged even without --verbose, since every
 * clock event will be off by as much. */
static void calibrate(void)
{
	struct calibration c;

	outb(0x43, 0x30);	/* channel 0, low then high byte, mode 0 */
	outb(0x40, 0xFF);
	outb(0x40, 0xFF);
	*lapic(LAPIC_TIMER_INIT) = 0xFFFFFFFFu;
	pit_calibrate(apic_timer_now, &c);
	*lapic(LAPIC_TIMER_INIT) = 0;
	tsc_khz = c.tsc_khz;
	apic_khz = c.apic_per_ms;
	if (!tsc_khz || !apic_khz)
		panic("cannot measure the TSC (%u kHz) or the APIC timer (%u kHz) "
		      "against the PIT (%d of %d windows)", tsc_khz, apic_khz,
		      c.windows, CALIBRATE_WINDOWS);
	if (!calibration_sound(&c))
		host_log("WARNING: the timer's calibration is unsure: %d of %d windows "
			 "agree within %d%% (APIC timer %u..%u kHz); clock events may be "
			 "that far off", c.agreeing, CALIBRATE_WINDOWS,
			 CALIBRATE_TOLERANCE_PERMILLE / 10, c.apic_min, c.apic_max);
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
	/* The clock's second has begun somewhere in the last one: the time
	 * of day is as good as a second, as Linux's at boot. */
	s64 now = cmos_time();

	wallclock_tsc = rdtsc();
	wallclock_sec = now > 0 ? (u64)now : 0;
	if (now < 0)
		host_log("the machine has no real-time clock: Guests' time of day starts at 1970");
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
