/* The lguest world's GDT, TLS and CR0.TS operations (lguest_cpu.c). */
#ifndef GUEST_LGUEST_CPU_H
#define GUEST_LGUEST_CPU_H

#include <lguest/segments.h>
#include <lguest/types.h>

void lguest_load_gdt_entry(unsigned index, u64 desc);
void lguest_load_tls(const u64 tls[GDT_ENTRY_TLS_ENTRIES]);
void lguest_set_ts(void);
void lguest_clear_ts(void);

#endif
