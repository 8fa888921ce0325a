/*
 * The lguest world's CPU state operations: the GDT, the TLS entries and
 * CR0.TS, which a kernel at ring 1 may not touch itself.  Each is one
 * hypercall; the Host checks what it is given (host/core/segments.c,
 * host/core/fpu.c).
 */
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "lguest/lguest_cpu.h"
#include "lguest/lguest_mmu.h"

void lguest_load_gdt_entry(unsigned index, u64 desc)
{
	hcall(LHCALL_LOAD_GDT_ENTRY, index, (u32)desc, (u32)(desc >> 32), 0);
}

/* The Host reads the three entries from our memory: tls must be in the
 * kernel's linear map, where __pa() holds.  A live %gs naming an entry
 * that becomes unusable is nulled by the Host when we next run, just as
 * the CPU nulls segments an outer ring may not keep; the kernel reloads
 * %gs for the next task anyway. */
void lguest_load_tls(const u64 tls[GDT_ENTRY_TLS_ENTRIES])
{
	lguest_lazy_hcall(LHCALL_LOAD_TLS, __pa(tls), 0, 0);
}

void lguest_set_ts(void)
{
	lguest_lazy_hcall(LHCALL_TS, 1, 0, 0);
}

void lguest_clear_ts(void)
{
	hcall(LHCALL_TS, 0, 0, 0, 0);
}
