/*
 * Behaviours for the two worlds side by side (tests/boot/native.sh runs
 * them both ways): what the boot description says, and the clock event.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "native/native.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"

/* "test=initrd": where the initrd is, how it starts (as printable text)
 * and the sum of all its bytes, so a boot test can compare it with the
 * file. */
static void test_initrd(void)
{
	const unsigned char *p = __va(boot_info->initrd);
	char head[33];
	u32 n = boot_info->initrd_size < 32 ? boot_info->initrd_size : 32, sum = 0;

	if (!boot_info->initrd)
		crash("no initrd");
	for (u32 i = 0; i < n; i++)
		head[i] = p[i] >= ' ' && p[i] <= '~' ? (char)p[i] : '.';
	head[n] = '\0';
	for (u32 i = 0; i < boot_info->initrd_size; i++)
		sum += p[i];
	printk("initrd: %u bytes at 0x%x, kernel ends at 0x%x, RAM ends at 0x%x, "
	       "page aligned %s, starts \"%s\", byte sum %u\n",
	       boot_info->initrd_size, boot_info->initrd, boot_info->kernel_end,
	       boot_info->mem_size, boot_info->initrd & 0xFFF ? "no" : "yes",
	       head, sum);
}

static volatile unsigned timer_ticks;

struct interrupt_frame;
__attribute__((interrupt)) static void timer_tick(struct interrupt_frame *f)
{
	timer_ticks++;
	pv_eoi();
}

static unsigned long long tsc_ms(unsigned long long since)
{
	return (rdtsc() - since) / lguest_data.tsc_khz;
}

/*
 * "test=timer": a one-shot clock event of 20 ms must fire once, not
 * early; one cancelled must not fire at all.
 */
static void test_timer(void)
{
	u32 handler = (u32)timer_tick;
	/* A 32-bit interrupt gate, DPL 0, to timer_tick. */
	u64 gate = (handler & 0xFFFF) | (u64)kernel_cs() << 16 |
		   (u64)0x8E00 << 32 | (u64)(handler >> 16) << 48;
	unsigned long long t0, ms;

	if (!pv.load_idt_entry || !pv.set_clockevent || !pv.eoi)
		crash("the %s world has no clock events yet", pv.world);
	pv_load_idt_entry(32, gate);

	t0 = rdtsc();
	pv_set_clockevent(20 * 1000 * 1000);
	while (!timer_ticks && tsc_ms(t0) < 2000)
		pv_safe_halt();
	ms = tsc_ms(t0);
	pv_irq_disable();
	printk("timer: 20 ms one-shot fired %u time(s) after %llu ms "
	       "(TSC %u kHz)\n", timer_ticks, ms, lguest_data.tsc_khz);
	if (timer_ticks != 1 || ms < 18)
		crash("the one-shot timer misbehaved");

	pv_set_clockevent(5 * 1000 * 1000);
	pv_set_clockevent(0);
	pv_irq_enable();
	t0 = rdtsc();
	while (tsc_ms(t0) < 30)
		;
	pv_irq_disable();
	printk("timer: a cancelled one fired %u time(s)\n", timer_ticks - 1);
	if (timer_ticks != 1)
		crash("a cancelled timer fired");
}

/* "test=boot-tsc": the TSC as the last thing before power-off.  Under
 * QEMU's -icount shift=0 it counts the instructions run since reset, Host
 * and Guest, which is what bench/native.sh compares between the worlds. */
static void test_boot_tsc(void)
{
	printk("boot-tsc: %llu ticks at power-off, world %s, %llu calibrating "
	       "the timer, %llu at the first C instruction\n", rdtsc(), pv.world,
	       pv.kernel_rpl ? 0ull : native_calibration_tsc, entry_tsc);
}

GUEST_TEST("initrd", test_initrd);
GUEST_TEST("boot-tsc", test_boot_tsc);
GUEST_TEST("timer", test_timer);
