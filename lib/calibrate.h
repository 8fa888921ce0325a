/*
 * Measuring the clocks whose rates no register tells (the local APIC
 * timer, the TSC) against the PIT, which every PC has counted at
 * 1193182 Hz since 1981.  Both kernels do it at boot: the Host for its
 * own timer, the native Guest for its.
 *
 * Under emulation the CPU can stand still for any time between two
 * instructions while the machine running QEMU runs something else, and
 * the PIT's 16-bit counter wraps every 55 ms.  A stall of 99 ms in a
 * single measured millisecond once left 52071 ticks on the PIT and made
 * both rates 3.5 times too high (and a process's time slice 3.5 times
 * too long).  So the rates are the medians of several short windows,
 * each thrown away when its reads of the PIT show a stall.
 */
#ifndef LGUEST_CALIBRATE_H
#define LGUEST_CALIBRATE_H

#include <lguest/types.h>

#define PIT_HZ			1193182u
#define CALIBRATE_WINDOWS	5
/* Windows agree when within 2% of their median: a window's two ends are
 * each read to within a tick or two of 200 us of PIT. */
#define CALIBRATE_TOLERANCE_PERMILLE 20

/* How far each clock counted across one window. */
struct calibrate_window {
	u32 pit;
	u32 apic;
	u64 tsc;
};

struct calibration {
	u32 apic_per_ms;	/* APIC timer ticks a millisecond */
	u32 tsc_khz;
	int windows;		/* measured without a stall */
	int agreeing;		/* of those, within the tolerance of the median */
	u32 apic_min, apic_max;	/* the windows' extremes, to report */
};

/* The median rates of n windows (n <= CALIBRATE_WINDOWS), and how many
 * agree with them.  Plain C: the unit tests feed it stalls. */
void calibrate_combine(const struct calibrate_window *w, int n, struct calibration *c);

/* A calibration to trust: most windows were measured, and agree. */
static inline int calibration_sound(const struct calibration *c)
{
	return c->agreeing * 2 > CALIBRATE_WINDOWS;
}

/* Measure CALIBRATE_WINDOWS windows (trying a bounded number of times)
 * with interrupts off, PIT channel 0 already counting down from 0xFFFF in
 * a mode that wraps, and the APIC timer counting down from 0xFFFFFFFF
 * at divide-by-1; apic_now reads its current count. */
void pit_calibrate(u32 (*apic_now)(void), struct calibration *c);

#endif
