/*
 * The native world's interrupt hardware: the local APIC's timer for the
 * clock event, and the IOAPIC for the machine's devices.
 *
 * The timer counts down at the APIC's bus clock, whose rate no register
 * tells; we measure it against the PIT (lib/calibrate.h), and the TSC's
 * with it, which the Host would have told us in lguest_data.tsc_khz.
 */
#include "calibrate.h"
#include "cmos.h"
#include "drivers/console.h"
#include "boot/guest.h"
#include "native/native.h"
#include "port_io.h"
#include "x86/paravirt.h"
#include "test/test.h"

#define LAPIC_ID	0x020
#define LAPIC_EOI	0x0B0
#define LAPIC_SVR	0x0F0	/* spurious vector, and the enable bit */
#define LAPIC_LVT_TIMER	0x320
#define LAPIC_LVT_LINT0	0x350
#define LAPIC_LVT_LINT1	0x360
#define LAPIC_LVT_ERROR	0x370
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_NOW	0x390
#define LAPIC_TIMER_DIV	0x3E0
#define LAPIC_ENABLE	0x100
#define LVT_MASKED	0x10000
#define TIMER_DIV_1	0xB

#define IOAPIC_REGSEL	0x00
#define IOAPIC_WINDOW	0x10
#define IOAPIC_VERSION	0x01
#define IOAPIC_REDIR(n)	(0x10 + 2 * (n))
#define REDIR_MASKED	0x10000

#define PIT_CH0		0x40
#define PIT_CMD		0x43

static u32 apic_ticks_per_ms;
unsigned long long native_calibration_tsc;


static volatile u32 *lapic(u32 reg)
{
	return (volatile u32 *)(LAPIC_BASE + reg);
}

static void ioapic_write(u32 base, u32 reg, u32 v)
{
	*(volatile u32 *)(base + IOAPIC_REGSEL) = reg;
	*(volatile u32 *)(base + IOAPIC_WINDOW) = v;
}

static u32 ioapic_read(u32 base, u32 reg)
{
	*(volatile u32 *)(base + IOAPIC_REGSEL) = reg;
	return *(volatile u32 *)(base + IOAPIC_WINDOW);
}

int native_has_ioapic2;

/* Every input masked until a driver wants it, each with the vector the
 * Host would give that IRQ (32 + GSI), sent to this CPU.  Returns how
 * many inputs the IOAPIC has; 0 if there is none at base. */
static u32 ioapic_init(u32 base, u32 first_gsi)
{
	u32 version = ioapic_read(base, IOAPIC_VERSION), redirs;

	if (version == 0xFFFFFFFF || !(version & 0xFF))
		return 0;
	redirs = ((version >> 16) & 0xFF) + 1;
	for (u32 pin = 0; pin < redirs; pin++) {
		ioapic_write(base, IOAPIC_REDIR(pin),
			     REDIR_MASKED | (NATIVE_FIRST_IRQ_VECTOR + first_gsi + pin));
		ioapic_write(base, IOAPIC_REDIR(pin) + 1, (*lapic(LAPIC_ID) >> 24) << 24);
	}
	return redirs;
}

static u32 apic_timer_now(void)
{
	return *lapic(LAPIC_TIMER_NOW);
}

/* The APIC timer's and the TSC's rates (lib/calibrate.h).  One that the
 * windows do not agree on is said on the console: every clock event and
 * time slice will be off by as much. */
static void calibrate(void)
{
	struct calibration c;
	unsigned long long tsc0 = rdtsc();

	outb(PIT_CMD, 0x34);	/* channel 0, lo/hi byte, mode 2 */
	outb(PIT_CH0, 0xFF);
	outb(PIT_CH0, 0xFF);
	*lapic(LAPIC_TIMER_DIV) = TIMER_DIV_1;
	*lapic(LAPIC_LVT_TIMER) = LVT_MASKED | NATIVE_TIMER_VECTOR;
	*lapic(LAPIC_TIMER_INIT) = 0xFFFFFFFF;
	pit_calibrate(apic_timer_now, &c);
	*lapic(LAPIC_TIMER_INIT) = 0;
	native_calibration_tsc = rdtsc() - tsc0;

	if (!c.apic_per_ms || !c.tsc_khz)
		crash("the local APIC timer and the TSC could not be measured against the PIT "
		      "(%d of %d windows)", c.windows, CALIBRATE_WINDOWS);
	if (!calibration_sound(&c))
		printk("native: WARNING: the timer's calibration is unsure: %d of %d windows "
		       "agree within %d%% (APIC timer %u..%u ticks a ms); clock events and "
		       "time slices may be that far off\n", c.agreeing, CALIBRATE_WINDOWS,
		       CALIBRATE_TOLERANCE_PERMILLE / 10, c.apic_min, c.apic_max);
	apic_ticks_per_ms = c.apic_per_ms;
	lguest_data.tsc_khz = c.tsc_khz;
}

/* The time of day, which the Host would have told us: the machine's
 * real-time clock, to the second, as Linux reads it at boot. */
static void read_wallclock(void)
{
	s64 now = cmos_time();

	lguest_data.wallclock_tsc = rdtsc();
	lguest_data.wallclock_sec = now > 0 ? (u64)now : 0;
	if (now < 0)
		printk("native: no real-time clock: the time of day starts at 1970\n");
}

void native_apic_init(void)
{
	*lapic(LAPIC_SVR) = LAPIC_ENABLE | NATIVE_SPURIOUS_VECTOR;
	*lapic(LAPIC_LVT_LINT0) = LVT_MASKED;
	*lapic(LAPIC_LVT_LINT1) = LVT_MASKED;
	*lapic(LAPIC_LVT_ERROR) = LVT_MASKED;
	calibrate();
	read_wallclock();

	if (!ioapic_init(IOAPIC_BASE, 0))
		crash("native: no IOAPIC at 0x%x", IOAPIC_BASE);
	native_has_ioapic2 = ioapic_init(IOAPIC2_BASE, IOAPIC2_FIRST_GSI) != 0;
}

/* One-shot: the LVT's mode bits are zero. */
void native_set_clockevent(u32 ns)
{
	unsigned long long ticks;

	if (!ns) {
		*lapic(LAPIC_TIMER_INIT) = 0;
		return;
	}
	ticks = (unsigned long long)ns * apic_ticks_per_ms / 1000000;
	*lapic(LAPIC_LVT_TIMER) = NATIVE_TIMER_VECTOR;
	*lapic(LAPIC_TIMER_INIT) = ticks ? (u32)(ticks > 0xFFFFFFFF ? 0xFFFFFFFF : ticks) : 1;
}

void native_eoi(void)
{
	*lapic(LAPIC_EOI) = 0;
}

/* The GSIs a driver has asked for, which test=ioapic expects unmasked. */
static u64 unmasked_gsis;

/* A driver takes its device's interrupt: unmask its pin, on whichever
 * IOAPIC has it. */
void native_unmask_irq(u32 gsi)
{
	u32 base = gsi >= IOAPIC2_FIRST_GSI ? IOAPIC2_BASE : IOAPIC_BASE;
	u32 pin = gsi >= IOAPIC2_FIRST_GSI ? gsi - IOAPIC2_FIRST_GSI : gsi;

	if (gsi >= IOAPIC2_FIRST_GSI && !native_has_ioapic2)
		crash("native: interrupt %u, but there is no second IOAPIC", gsi);
	ioapic_write(base, IOAPIC_REDIR(pin),
		     ioapic_read(base, IOAPIC_REDIR(pin)) & ~REDIR_MASKED);
	unmasked_gsis |= 1ull << gsi;
}

/* "test=ioapic" (native only): read back what native_apic_init() and
 * native_unmask_irq() left in each redirection entry. */
static u32 ioapic_bad(u32 base, u32 first_gsi, u32 *redirs)
{
	u32 bad = 0;

	*redirs = ((ioapic_read(base, IOAPIC_VERSION) >> 16) & 0xFF) + 1;
	for (u32 pin = 0; pin < *redirs; pin++) {
		u32 lo = ioapic_read(base, IOAPIC_REDIR(pin));
		int want_masked = !(unmasked_gsis >> (first_gsi + pin) & 1);

		if ((lo & 0xFF) != NATIVE_FIRST_IRQ_VECTOR + first_gsi + pin ||
		    !(lo & REDIR_MASKED) != !want_masked)
			bad++;
	}
	return bad;
}

static void test_ioapic(void)
{
	u32 redirs, redirs2 = 0, bad;

	if (pv.kernel_rpl != 0)
		crash("test=ioapic: the %s world has no IOAPIC of its own", pv.world);
	bad = ioapic_bad(IOAPIC_BASE, 0, &redirs);
	if (native_has_ioapic2)
		bad += ioapic_bad(IOAPIC2_BASE, IOAPIC2_FIRST_GSI, &redirs2);
	printk("ioapic: %u inputs, %u not as set (masked unless a driver took it, "
	       "at vector 32 + GSI); local APIC "
	       "timer %u ticks/ms\n", redirs + redirs2, bad, apic_ticks_per_ms);
	if (bad || !redirs)
		crash("the IOAPIC is not as native_apic_init() left it");
}

GUEST_TEST("ioapic", test_ioapic);
