/*
 * Time on the Host: the TSC for reading it, the local APIC's timer for
 * being woken at a moment, both measured against the PIT at boot, and the
 * real-time clock for the time of day.
 */
#ifndef HOST_APIC_H
#define HOST_APIC_H

#include <lguest/types.h>

/* The Host's vector for the APIC timer. */
#define APIC_TIMER_VECTOR 0xEF

/* Map the local APIC, enable it, and measure the TSC and the timer. */
void apic_init(void);

/* TSC ticks per millisecond. */
extern u32 tsc_khz;

/* The time of day, from the machine's real-time clock at boot: seconds
 * since 1970 (0: it has none) when the TSC read wallclock_tsc. */
extern u64 wallclock_sec, wallclock_tsc;

/* Interrupt once, at TSC value deadline (at once if it has passed). */
void apic_timer_at(u64 deadline);

/* Tell the local APIC the interrupt is handled. */
void apic_eoi(void);

#endif
