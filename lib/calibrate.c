/* The arithmetic of lib/calibrate.h: rates per window, medians, agreement. */
#include "calibrate.h"

/* Ticks per millisecond of a clock that counted ticks over pit PIT ticks. */
static u32 per_ms(u64 ticks, u32 pit)
{
	return (u32)(ticks * PIT_HZ / ((u64)pit * 1000));
}

static u32 median(u32 *v, int n)
{
	/* Insertion sort: n is a handful. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u32 t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

static int near(u32 v, u32 m)
{
	u64 diff = v > m ? v - m : m - v;

	return diff * 1000 <= (u64)m * CALIBRATE_TOLERANCE_PERMILLE;
}

void calibrate_combine(const struct calibrate_window *w, int n, struct calibration *c)
{
	u32 apic[CALIBRATE_WINDOWS], tsc[CALIBRATE_WINDOWS];
	int used = 0;

	for (int i = 0; i < n && used < CALIBRATE_WINDOWS; i++) {
		if (!w[i].pit)
			continue;
		apic[used] = per_ms(w[i].apic, w[i].pit);
		tsc[used] = per_ms(w[i].tsc, w[i].pit);
		used++;
	}
	c->windows = used;
	c->agreeing = 0;
	c->apic_per_ms = c->tsc_khz = c->apic_min = c->apic_max = 0;
	if (!used)
		return;
	/* Each rate's own median: the two come from the same windows, but
	 * a read between them can be late in one window and not the other. */
	c->apic_per_ms = median(apic, used);
	c->tsc_khz = median(tsc, used);
	c->apic_min = apic[0];
	c->apic_max = apic[used - 1];
	for (int i = 0; i < n; i++) {
		if (!w[i].pit)
			continue;
		if (near(per_ms(w[i].apic, w[i].pit), c->apic_per_ms) &&
		    near(per_ms(w[i].tsc, w[i].pit), c->tsc_khz))
			c->agreeing++;
	}
}
