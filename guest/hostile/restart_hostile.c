/*
 * A restart loop that carries state (tests/hostile/restart.sh): "test=
 * hostile-restart boots=N".  Each boot before the last leaves behind what
 * a fresh boot must not find (its TS set, a clock event in flight, a GDT
 * entry and an IDT gate of its own, a trap stack, and the async ring full
 * of calls that would power off with status 77 after the restart made
 * from it) and restarts.  Each boot after the first checks it found none
 * of it; the last then ends itself with "hlt", having said so.  N boots in
 * a row also show the Host's memory does not run out across them.
 */
#include "drivers/console.h"
#include "x86/desc.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"

#define SPARE_ENTRY	12
#define STALE_STATUS	77
/* The Guest's GDT in the Switcher's state page, read-only to the Guest
 * (host/core/switcher_layout.h: LGUEST_PAGES_guest_gdt). */
#define STATE_GDT	((const volatile u64 *)(0xFFC02000u + 6280))

/* The slot the Host runs next: a null call offered in each slot in turn
 * is run only where the Host stands. */
static unsigned host_ring_slot(void)
{
	for (unsigned s = 0; s < LHCALL_RING_SIZE; s++) {
		lguest_data.hcalls[s] = (struct hcall_args){ LHCALL_FLUSH_ASYNC, 0, 0, 0, 0 };
		lguest_data.hcall_status[s] = LHCALL_SLOT_READY;
		hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
		if (lguest_data.hcall_status[s] == LHCALL_SLOT_FREE)
			return (s + 1) % LHCALL_RING_SIZE;
		lguest_data.hcall_status[s] = LHCALL_SLOT_FREE;
	}
	crash("hostile-restart: the Host ran no slot of the ring");
}

static void leave_state_and_restart(void)
{
	unsigned next = host_ring_slot();
	u32 stack = (u32)__builtin_frame_address(0) & ~0xFFFu;

	/* Said before the ring is filled: printk may use the ring too. */
	printk("hostile-restart: boot %u restarts from ring slot %u, 63 stale calls after it\n",
	       boot_info->boots, next);
	pv_set_ts();
	pv_set_clockevent(1000000);
	pv_load_gdt_entry(SPARE_ENTRY, seg_desc(0, 0xFFFFF, ACC_DATA_DPL3, 1));
	pv_load_idt_entry(0x41, gate_desc(LGUEST_KERNEL_CS, 0xC0100000u, 0xE, 3));
	hcall(LHCALL_SET_STACK, LGUEST_KERNEL_DS, stack, 1, 0);
	for (unsigned i = 1; i < LHCALL_RING_SIZE; i++) {
		unsigned s = (next + i) % LHCALL_RING_SIZE;

		lguest_data.hcalls[s] = (struct hcall_args){ LHCALL_SHUTDOWN,
			LGUEST_SHUTDOWN_POWEROFF, STALE_STATUS, 0, 0 };
		lguest_data.hcall_status[s] = LHCALL_SLOT_READY;
	}
	lguest_data.hcalls[next] = (struct hcall_args){ LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_RESTART, 0, 0, 0 };
	lguest_data.hcall_status[next] = LHCALL_SLOT_READY;
	hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	crash("hostile-restart: the restart in the ring did not end the boot");
}

static void hostile_restart(void)
{
	u32 boots = (u32)cmdline_number("boots", 20);

	if (boot_info->boots) {
		/* TS left set would fault here with no handler of ours. */
		asm volatile("fnop");
		if (STATE_GDT[SPARE_ENTRY])
			crash("hostile-restart: boot %u found GDT entry %u from the last: 0x%llx",
			      boot_info->boots, SPARE_ENTRY, STATE_GDT[SPARE_ENTRY]);
		printk("hostile-restart: boot %u is fresh\n", boot_info->boots);
	}
	if (boot_info->boots + 1 < boots)
		leave_state_and_restart();
	printk("hostile-restart: %u boots, each fresh: checked, ending with hlt\n", boots);
	asm volatile("hlt");
}

GUEST_TEST("hostile-restart", hostile_restart);
