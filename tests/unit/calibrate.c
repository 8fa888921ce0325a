/* lib/calibrate.c: the timer's rates from windows of PIT, some of them
 * spoilt by a CPU that stood still while the PIT's counter wrapped. */
#include "check.h"
#include "calibrate.h"

/* A window of pit PIT ticks on a machine whose APIC timer runs at 1 GHz
 * and whose TSC at 2.5 GHz. */
static struct calibrate_window win(u32 pit)
{
	u64 ns = (u64)pit * 1000000000 / PIT_HZ;

	return (struct calibrate_window){ .pit = pit, .apic = (u32)ns, .tsc = ns * 5 / 2 };
}

/* A window in which the CPU stood still for stall_ms: the APIC timer and
 * the TSC counted all of it; the PIT only what was left after wrapping. */
static struct calibrate_window stalled(u32 pit, u32 stall_ms)
{
	struct calibrate_window w = win(pit);
	u64 ns = (u64)stall_ms * 1000000;

	w.apic += (u32)ns;
	w.tsc += ns * 5 / 2;
	w.pit = (u16)(pit + (u32)((u64)stall_ms * PIT_HZ / 1000));
	return w;
}

static int within(u32 v, u32 want, u32 permille)
{
	u64 d = v > want ? v - want : want - v;

	return d * 1000 <= (u64)want * permille;
}

int main(void)
{
	struct calibrate_window w[CALIBRATE_WINDOWS];
	struct calibration c;

	for (int i = 0; i < CALIBRATE_WINDOWS; i++)
		w[i] = win(238 + i);
	calibrate_combine(w, CALIBRATE_WINDOWS, &c);
	CHECK(within(c.apic_per_ms, 1000000, 5) && within(c.tsc_khz, 2500000, 5),
	      "clean windows give the rates (%u ticks a ms, %u kHz)", c.apic_per_ms, c.tsc_khz);
	CHECK(c.windows == 5 && c.agreeing == 5 && calibration_sound(&c),
	      "clean windows all agree, and the calibration is sound");

	/* The stall once seen in one window of 1 ms: 99 ms, leaving 52071. */
	w[2] = stalled(239, 99);
	calibrate_combine(w, CALIBRATE_WINDOWS, &c);
	CHECK(within(c.apic_per_ms, 1000000, 5) && within(c.tsc_khz, 2500000, 5),
	      "a window stalled past the PIT's wrap does not move the median (%u)", c.apic_per_ms);
	CHECK(c.agreeing == 4 && calibration_sound(&c) && c.apic_max > 1500000,
	      "the stalled window disagrees (%u..%u), the rest stand", c.apic_min, c.apic_max);

	/* Three spoilt windows of five: no rate to trust, and it says so. */
	w[0] = stalled(239, 60);
	w[4] = stalled(239, 110);
	calibrate_combine(w, CALIBRATE_WINDOWS, &c);
	CHECK(!calibration_sound(&c) && c.agreeing <= 2,
	      "three stalled windows of five make the calibration unsure (%d agree)", c.agreeing);

	/* Fewer windows than asked (the machine kept stalling): the median
	 * of what there is, but not a sound one. */
	for (int i = 0; i < 2; i++)
		w[i] = win(239);
	calibrate_combine(w, 2, &c);
	CHECK(within(c.apic_per_ms, 1000000, 5) && c.windows == 2 && !calibration_sound(&c),
	      "two windows of five give rates, but not a sound calibration");
	calibrate_combine(w, 0, &c);
	CHECK(c.apic_per_ms == 0 && c.tsc_khz == 0 && c.windows == 0,
	      "no windows give no rates, for the kernel to refuse");

	/* A window whose PIT did not move is no window (it would divide by 0). */
	w[0].pit = 0;
	calibrate_combine(w, 2, &c);
	CHECK(c.windows == 1 && within(c.apic_per_ms, 1000000, 5),
	      "a window of no PIT ticks is left out");
	return check_done();
}
