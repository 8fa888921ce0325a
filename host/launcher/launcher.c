/*
 * The launcher: the part of the Host that does what the original's
 * userspace Launcher did.  It reads what the boot loader handed over,
 * carves out the Guest's memory, loads the Guest from the first multiboot
 * module, runs it through the core, and ends the machine with the Guest's
 * exit status.
 *
 * The boot loader's command line for the Host says how much memory the
 * Guest gets ("mem=BYTES") and whether to log the Host's doings
 * ("verbose").  The first module's string is "PATH COMMAND-LINE"; the
 * second module, if any, is the initrd.
 */
#include <lguest/boot.h>
#include <lguest/exit_status.h>
#include <lguest/virtio.h>
#include "../core/lg.h"
#include "../machine/apic.h"
#include "../machine/console.h"
#include "../machine/cpu.h"
#include "../machine/memory.h"
#include "../machine/multiboot.h"
#include "../machine/paging.h"
#include "kstring.h"
#include "serial_log.h"
#include "devices.h"
#include "hosttest.h"
#include "load.h"

/* The Host keeps this much of its pool beyond the Guest's RAM for its page
 * tables and the like. */
#define HOST_POOL_MIN (2u << 20)

void host_main(u32 magic, const struct multiboot_info *mbi);

static struct lguest guest;

void guest_console_write(const char *buf, u32 len)
{
	serial_log_guest(buf, len);
}

/* A Host self-test to run instead of a Guest ("hosttest=NAME"). */
static char hosttest[16];

/* "mem=N", "verbose" and "hosttest=NAME", from the Host's own command line. */
static u32 parse_host_cmdline(const char *s)
{
	u32 mem = LGUEST_MEM_DEFAULT;

	while (s && *s) {
		while (*s == ' ')
			s++;
		if (!strncmp(s, "mem=", 4)) {
			u64 v = 0;

			for (s += 4; *s >= '0' && *s <= '9'; s++)
				v = v * 10 + (u32)(*s - '0');
			if (v < LGUEST_MEM_MIN || v > LGUEST_MEM_MAX || v % PAGE_SIZE)
				panic("mem=%llu: the Guest's memory must be a multiple "
				      "of 4 KiB from %u to %u bytes", v,
				      LGUEST_MEM_MIN, LGUEST_MEM_MAX);
			mem = (u32)v;
		} else if (!strncmp(s, "verbose", 7) && (s[7] == ' ' || !s[7])) {
			host_verbose = 1;
		} else if (!strncmp(s, "hosttest=", 9)) {
			u32 n = 0;

			for (s += 9; *s && *s != ' ' && n + 1 < sizeof(hosttest); s++)
				hosttest[n++] = *s;
		}
		while (*s && *s != ' ')
			s++;
	}
	return mem;
}

/* The module string is "PATH ARGS": the Guest's command line is ARGS. */
static const char *module_args(const struct multiboot_module *mod)
{
	const char *s = (const char *)mod->string;

	if (!s)
		return "";
	s = strchr(s, ' ');
	return s ? s + 1 : "";
}

/* Put a fresh Guest in memory and its registers at its entry point. */
static void boot_guest(struct lguest *lg, const struct guest_image *img)
{
	char err[160];
	u32 entry;
	struct lguest_regs *r = lg->regs;

	if (load_guest(img, lg->mem, lg->mem_size, &entry, err, sizeof(err)))
		panic("cannot load the Guest: %s", err);

	lg->lguest_data = NULL;
	lg->next_hcall = 0;
	lg->end = GUEST_RUNNING;
	lg->message[0] = '\0';
	lg->esp1 = 0;
	lg->ss1 = 0;
	memset(lg->idt, 0, sizeof(lg->idt));
	lg->irqs_pending = 0;
	lg->clock_deadline = 0;
	lg->halted = 0;
	setup_guest_gdt(lg);
	lg->ts = 0;
	if (guest_pagetables_init(lg, ((struct lguest_boot_info *)
			(lg->mem + LGUEST_BOOT_INFO_GPA))->pgdir))
		panic("the Guest's boot page tables are outside its memory");
	lg->changed = CHANGED_ALL;

	/* The boot contract of include/lguest/boot.h. */
	*r = (struct lguest_regs){
		.eax = LGUEST_BOOT_MAGIC,
		.ebx = LGUEST_BOOT_INFO_GPA,
		.eip = entry,
		.cs = LGUEST_KERNEL_CS,
		.ds = LGUEST_KERNEL_DS, .es = LGUEST_KERNEL_DS,
		.ss = LGUEST_KERNEL_DS,
		/* Interrupts really are on while a Guest runs: its own
		 * "interrupts off" lives in lguest_data.irq_enabled. */
		.eflags = X86_EFLAGS_IF | 0x2,
		.trapnum = 255,
	};
}

/* The Guest's status, unless the Host itself broke along the way: then
 * that is what the run says. */
static __attribute__((noreturn)) void end_machine(unsigned status)
{
	const char *broken = invariants_broken();

	if (broken) {
		host_log("Host invariant broken: %s", broken);
		machine_exit(LGUEST_EXIT_HOST_FAILED);
	}
	machine_exit(status);
}

void host_main(u32 magic, const struct multiboot_info *mbi)
{
	const struct multiboot_module *mods;
	struct guest_image img = { 0 };
	static struct lguest_device devices[LGUEST_MAX_DEVICES];
	struct lguest *lg = &guest;
	void *pool_guard, *guard_below, *guard_above;
	u32 mem_size;

	uart_init();
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a multiboot loader (eax 0x%x)", magic);
	mem_size = parse_host_cmdline(mbi->flags & MULTIBOOT_INFO_CMDLINE ?
				      (const char *)mbi->cmdline : NULL);
	cpu_init();
	memory_init(mbi);
	/* The pool's first page guards its bottom (invariants.c). */
	pool_guard = page_alloc();
	paging_init(memory_top());
	lguest_core_init();
	apic_init();
	if (hosttest[0] && !hosttest_needs_guest(hosttest))
		run_hosttest(hosttest);

	if (!(mbi->flags & MULTIBOOT_INFO_MODS) || mbi->mods_count < 1)
		panic("no Guest kernel: it must be the first multiboot module");
	if (mbi->mods_count > 2)
		panic("%u multiboot modules: expected the Guest kernel and at "
		      "most an initrd", mbi->mods_count);
	mods = (const void *)mbi->mods_addr;
	img.kernel = (const void *)mods[0].mod_start;
	img.kernel_size = mods[0].mod_end - mods[0].mod_start;
	img.cmdline = module_args(&mods[0]);
	if (mbi->mods_count > 1) {
		img.initrd = (const void *)mods[1].mod_start;
		img.initrd_size = mods[1].mod_end - mods[1].mod_start;
	}

	/* A guard page either side of the Guest's RAM (invariants.c). */
	guard_above = memory_carve_top(PAGE_SIZE, HOST_POOL_MIN);
	lg->mem = memory_carve_top(mem_size, HOST_POOL_MIN);
	guard_below = memory_carve_top(PAGE_SIZE, HOST_POOL_MIN);
	if (!guard_above || !lg->mem || !guard_below)
		panic("the machine has too little memory for a %u MiB Guest",
		      mem_size >> 20);
	lg->mem_size = mem_size;
	lg->mem_machine = (u32)lg->mem;
	lg->regs = lguest_regs();
	invariants_record(pool_guard, guard_below, guard_above);
	host_debug("Guest RAM %u MiB at 0x%x; Host pool used %u KiB",
		   mem_size >> 20, lg->mem_machine, pages_allocated() * 4);

	for (;;) {
		/* Fresh devices for every boot: a restart finds them reset. */
		devices_init(lg, devices, &img.device_count);
		img.devices = devices;
		boot_guest(lg, &img);
		if (hosttest[0])
			hosttest_guest_booted(hosttest, lg);
		guest_clock_init(lg);
		run_guest(lg);
		host_debug("Guest stopped after %llu exits, %llu hypercalls, "
			   "%llu machine interrupts", lg->exits, lg->hypercalls,
			   lg->interrupts);
		guest_pagetables_report(lg);
		if (lg->end != GUEST_RESTART)
			break;
		img.boots++;
		host_debug("Guest restarting (boot %u)", img.boots + 1);
	}

	switch (lg->end) {
	case GUEST_POWEROFF:
		end_machine(lg->exit_status);
	case GUEST_CRASHED:
		host_log("Guest crashed: %s", lg->message);
		end_machine(LGUEST_EXIT_CRASHED);
	default:
		host_log("Guest killed: %s", lg->message);
		end_machine(LGUEST_EXIT_KILLED);
	}
}

/* No devices yet. */
/* LHCALL_NOTIFY: what the Guest's store of queue to the queue-notify
 * register at addr would do, without the fault, the walk of its page
 * tables and the decoding of its instruction.  Only that register: the
 * others are for loads and stores, played as such. */
void launcher_notify(struct lguest *lg, u32 addr, u32 queue)
{
	if (addr % LGUEST_DEVICE_WINDOW != VIRTIO_MMIO_QUEUE_NOTIFY) {
		kill_guest(lg, "LHCALL_NOTIFY 0x%x: not a device's queue-notify register", addr);
		return;
	}
	launcher_device_access(lg, addr, 1, 4, &queue);
}
