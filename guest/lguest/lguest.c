/*
 * The lguest world: each paravirtual operation done by asking the Host, or
 * by writing struct lguest_data, which the Host reads without being asked.
 */
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "lguest/lguest_cpu.h"
#include "lguest/lguest_irq.h"
#include "lguest/lguest_mmu.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "virtio_driver.h"

static void lguest_console_write(const char *s, size_t len)
{
	while (len) {
		size_t n = len > LGUEST_CONSOLE_WRITE_MAX ? LGUEST_CONSOLE_WRITE_MAX : len;

		hcall(LHCALL_CONSOLE_WRITE, __pa(s), n, 0, 0);
		s += n;
		len -= n;
	}
}

static __attribute__((noreturn)) void lguest_power_off(unsigned status)
{
	for (;;)
		hcall(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_POWEROFF, status, 0, 0);
}

static __attribute__((noreturn)) void lguest_crash(const char *msg)
{
	for (;;)
		hcall(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_CRASH, __pa(msg), 0, 0);
}

static __attribute__((noreturn)) void lguest_restart(void)
{
	for (;;)
		hcall(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_RESTART, 0, 0, 0);
}

/* A store to a device's notify register would fault into the Host, which
 * would walk our page tables and decode the instruction to learn what the
 * hypercall says outright. */
static void lguest_virtio_notify(struct virtio_driver *d, u32 queue)
{
	hcall(LHCALL_NOTIFY, d->notify_gpa, queue, 0, 0);
}

const struct pv_ops lguest_pv_ops = {
	.world = "lguest",
	.kernel_rpl = GUEST_PL,
	.load_gdt_entry = lguest_load_gdt_entry,
	.load_tls = lguest_load_tls,
	.set_ts = lguest_set_ts,
	.clear_ts = lguest_clear_ts,
	.console_write = lguest_console_write,
	.power_off = lguest_power_off,
	.crash = lguest_crash,
	.restart = lguest_restart,
	.patch_templates = lguest_patch_templates,
	.load_pgdir = lguest_load_pgdir,
	.set_pte = lguest_set_pte,
	.set_pgd = lguest_set_pgd,
	.flush_tlb_user = lguest_flush_tlb_user,
	.flush_tlb_all = lguest_flush_tlb_all,
	.lazy_mmu_begin = lguest_lazy_mmu_begin,
	.lazy_mmu_end = lguest_lazy_mmu_end,
	.irq_disable = lguest_irq_disable,
	.irq_enable = lguest_irq_enable,
	.save_fl = lguest_save_fl,
	.restore_fl = lguest_restore_fl,
	.safe_halt = lguest_safe_halt,
	.load_idt_entry = lguest_load_idt_entry,
	.set_kernel_stack = lguest_set_kernel_stack,
	.set_clockevent = lguest_set_clockevent,
	.eoi = lguest_eoi,
	.unmask_irq = lguest_unmask_irq,
	.virtio_notify = lguest_virtio_notify,
};
