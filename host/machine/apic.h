/*
 * Time on the Host: the TSC for reading it, the local APIC's timer for
 * being woken at a moment, both measured against the PIT at boot.
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

/* Interrupt once, at TSC value deadline (at once if it has passed). */
void apic_timer_at(u64 deadline);

/* Tell the local APIC the interrupt is handled. */
void apic_eoi(void);

#endif
