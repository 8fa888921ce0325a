/*
 * The launcher: the part of the Host that does what the original's
 * userspace Launcher did.  It reads what the boot loader handed over,
 * carves out each Guest's memory, loads each Guest from its multiboot
 * modules, shares the CPU between them, and ends the machine with the
 * first Guest's exit status once every Guest has ended.
 *
 * The boot loader's command line for the Host says how much memory each
 * Guest gets ("mem=BYTES" or "mem=BYTES,BYTES,...", one a Guest), whose
 * each of the machine's disks is ("disks=N,N,...": the machine's first
 * disk is Guest N's, and so on; without it the first Guest has the first
 * disk) and whether to log the Host's doings ("verbose").  Each Guest is an ELF
 * module, its string "PATH COMMAND-LINE", followed by its initrd if it
 * has one: a module that is not an ELF file.
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
#include "requests.h"

/* The Host keeps this much of its pool beyond the Guests' RAM for its page
 * tables and the like, and each Guest after the first adds its shadows'
 * most (page_tables.h). */
#define HOST_POOL_MIN (2u << 20)
#define HOST_POOL_PER_GUEST (SHADOW_PAGES_PER_GUEST * PAGE_SIZE)

void host_main(u32 magic, const struct multiboot_info *mbi);

static struct lguest guests[LGUEST_MAX_GUESTS];
static unsigned nguests;

void guest_console_write(struct lguest *lg, const char *buf, u32 len)
{
	serial_log_guest_of(lg->id, buf, len);
}

/* A Host self-test to run instead of a Guest ("hosttest=NAME"). */
static char hosttest[16];

/* "disks=N[,N...]": whose each of the machine's disks is, a Guest's
 * number each.  Returns the rest of s. */
static const char *parse_disks(const char *s)
{
	u8 owner[LGUEST_MAX_GUESTS];
	unsigned n = 0;

	s += 5;
	do {
		s++;
		if (*s < '0' || *s >= '0' + LGUEST_MAX_GUESTS)
			panic("disks=: a Guest's number is 0 to %u", LGUEST_MAX_GUESTS - 1);
		if (n == LGUEST_MAX_GUESTS)
			panic("disks=: more than %u disks", LGUEST_MAX_GUESTS);
		owner[n++] = (u8)(*s++ - '0');
	} while (*s == ',');
	dev_blk_owners(owner, n);
	return s;
}

/* "mem=N[,N...]", "disks=N[,N...]", "verbose" and "hosttest=NAME", from
 * the Host's own command line: the memory of each Guest
 * (mem[0..LGUEST_MAX_GUESTS)), and how many sizes it gave. */
static unsigned parse_host_cmdline(const char *s, u32 *mem)
{
	unsigned nmem = 0;

	for (unsigned i = 0; i < LGUEST_MAX_GUESTS; i++)
		mem[i] = LGUEST_MEM_DEFAULT;

	while (s && *s) {
		while (*s == ' ')
			s++;
		if (!strncmp(s, "mem=", 4)) {
			s += 3;
			do {
				u64 v = 0;

				for (s++; *s >= '0' && *s <= '9' && v <= LGUEST_MEM_MAX; s++)
					v = v * 10 + (u32)(*s - '0');
				if (v < LGUEST_MEM_MIN || v > LGUEST_MEM_MAX || v % PAGE_SIZE)
					panic("mem=%llu: the Guest's memory must be a multiple "
					      "of 4 KiB from %u to %u bytes", v,
					      LGUEST_MEM_MIN, LGUEST_MEM_MAX);
				if (nmem == LGUEST_MAX_GUESTS)
					panic("mem=: more than %u Guests", LGUEST_MAX_GUESTS);
				mem[nmem++] = (u32)v;
			} while (*s == ',');
		} else if (!strncmp(s, "disks=", 6)) {
			s = parse_disks(s);
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
	return nmem;
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
	lg->yielded = 0;
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

/* A module that is an ELF file is a Guest's kernel. */
static int is_elf(const struct multiboot_module *mod)
{
	return mod->mod_end - mod->mod_start >= 4 &&
	       !memcmp((const void *)mod->mod_start, "\177ELF", 4);
}

/* Each Guest's kernel, command line and initrd, from the modules. */
static unsigned images_from_modules(const struct multiboot_info *mbi,
				    struct guest_image *img)
{
	const struct multiboot_module *mods = (const void *)mbi->mods_addr;
	unsigned n = 0;

	if (!(mbi->flags & MULTIBOOT_INFO_MODS) || mbi->mods_count < 1 || !is_elf(&mods[0]))
		panic("no Guest kernel: it must be the first multiboot module");
	for (u32 i = 0; i < mbi->mods_count; i++) {
		if (is_elf(&mods[i])) {
			if (n == LGUEST_MAX_GUESTS)
				panic("more than %u Guest kernels", LGUEST_MAX_GUESTS);
			img[n].kernel = (const void *)mods[i].mod_start;
			img[n].kernel_size = mods[i].mod_end - mods[i].mod_start;
			img[n].cmdline = module_args(&mods[i]);
			n++;
		} else if (img[n - 1].initrd) {
			panic("module %u: a second initrd for Guest %u", i, n - 1);
		} else {
			img[n - 1].initrd = (const void *)mods[i].mod_start;
			img[n - 1].initrd_size = mods[i].mod_end - mods[i].mod_start;
		}
	}
	return n;
}

/* Boot (or boot again) Guest lg from img, with its devices (devices.c). */
static void start_guest(struct lguest *lg, struct guest_image *img)
{
	static struct lguest_device devices[LGUEST_MAX_GUESTS][LGUEST_MAX_DEVICES];

	/* Fresh devices for every boot: a restart finds them reset. */
	devices_init(lg, devices[lg->id], &img->device_count);
	img->devices = devices[lg->id];
	guest_cpu_state_init(lg);
	boot_guest(lg, img);
	if (lg->id == 0 && hosttest[0])
		hosttest_guest_booted(hosttest, lg);
}

/* The Guest's status, as the run's exit status would say it. */
static unsigned guest_status(const struct lguest *lg)
{
	switch (lg->end) {
	case GUEST_POWEROFF:
		return lg->exit_status;
	case GUEST_CRASHED:
		return LGUEST_EXIT_CRASHED;
	default:
		return LGUEST_EXIT_KILLED;
	}
}

/* The Guest's status, unless the Host itself broke along the way: then
 * that is what the run says. */
static __attribute__((noreturn)) void end_machine(const struct lguest *lg)
{
	const char *broken = invariants_broken();

	if (broken) {
		host_log("Host invariant broken: %s", broken);
		machine_exit(LGUEST_EXIT_HOST_FAILED);
	}
	if (lg->end == GUEST_POWEROFF)
		machine_power_off(lg->exit_status);
	machine_exit(guest_status(lg));
}

/* One Guest stopped: boot it again if it asked, else say how it ended
 * (with several Guests, one record each, named by the Guest's number).
 * Returns 1 if it has ended for good. */
static int guest_stopped(struct lguest *lg, struct guest_image *img)
{
	host_debug("Guest %u stopped after %llu exits, %llu hypercalls, "
		   "%llu machine interrupts", lg->id, lg->exits, lg->hypercalls,
		   lg->interrupts);
	guest_pagetables_report(lg);
	if (lg->end == GUEST_RESTART) {
		img->boots++;
		host_debug("Guest %u restarting (boot %u)", lg->id, img->boots + 1);
		start_guest(lg, img);
		return 0;
	}
	if (nguests == 1) {
		if (lg->end == GUEST_CRASHED)
			host_log("Guest crashed: %s", lg->message);
		else if (lg->end == GUEST_KILLED)
			host_log("Guest killed: %s", lg->message);
		return 1;
	}
	host_log("guest %u ended: status %u, %llu TSC cycles, %llu switches%s%s",
		 lg->id, guest_status(lg), lg->tsc_used, lg->guest_switches,
		 lg->end == GUEST_CRASHED ? ", crashed: " :
		 lg->end == GUEST_KILLED ? ", killed: " : "",
		 lg->end == GUEST_POWEROFF ? "" : lg->message);
	return 1;
}

/* One "lguest: state" record for each Guest, then the end of them
 * (include/lguest/console.h): what lguest list shows. */
static void report_state(void)
{
	static const char *const ends[] = {
		[GUEST_POWEROFF] = "off", [GUEST_CRASHED] = "crashed",
		[GUEST_RESTART] = "running", [GUEST_KILLED] = "killed",
	};

	for (unsigned i = 0; i < nguests; i++) {
		const struct lguest *lg = &guests[i];
		const char *what = lg->end != GUEST_RUNNING ? ends[lg->end] :
				   lg->halted ? "halted" : "running";

		host_log("state %u %s %u %llu %u %llu", i, what, lg->mem_size,
			 lg->tsc_used, tsc_khz, lg->guest_switches);
	}
	host_log("state end");
}

/* What the lguest command asked since the scheduler last looked: the
 * Guests' state, and Guests to kill (lguest stop's grace period is over).
 * Returns how many Guests that ended. */
static unsigned take_requests(struct guest_image *img)
{
	u32 kills = requests_kills();
	unsigned ended = 0;

	if (requests_state_wanted())
		report_state();
	for (unsigned i = 0; i < nguests; i++) {
		struct lguest *lg = &guests[i];

		if (!(kills & (1u << i)) || lg->end != GUEST_RUNNING)
			continue;
		kill_guest(lg, "it did not power off when lguest stop asked it to");
		ended += guest_stopped(lg, &img[i]);
	}
	return ended;
}

/* On the Host's tick: input for the Guests' consoles, and the lguest
 * command's requests. */
void launcher_poll(void)
{
	consoles_poll();
	requests_poll();
}

/*
 * The scheduler: round-robin over the Guests that can run, each for a
 * slice of GUEST_SLICE_NS (the Host's tick ends it), starting after the
 * one that ran last.  A halted Guest is passed over until an interrupt is
 * pending for it; when none can run the CPU halts until the next
 * interrupt (a clock event, the Host's tick, a device).
 */
static void run_guests(struct guest_image *img)
{
	unsigned next = 0, running = nguests;
	const u64 slice = (u64)GUEST_SLICE_NS * tsc_khz / 1000000;

	while (running) {
		int ran = 0;

		irq_disable();
		running -= take_requests(img);
		for (unsigned k = 0; k < nguests && !ran && running; k++) {
			unsigned i = (next + k) % nguests;
			struct lguest *lg = &guests[i];

			if (lg->end != GUEST_RUNNING)
				continue;
			if (!lg->halted || guest_woken(lg)) {
				run_guest(lg, rdtsc() + slice);
				next = i + 1;
				ran = 1;
			}
			if (lg->end != GUEST_RUNNING && guest_stopped(lg, &img[i]))
				running--;
		}
		if (!ran && running)
			irq_enable_and_halt();
	}
}

void host_main(u32 magic, const struct multiboot_info *mbi)
{
	static struct guest_image img[LGUEST_MAX_GUESTS];
	u32 mem_size[LGUEST_MAX_GUESTS];
	void *pool_guard;
	unsigned nmem;
	u32 pool_min;

	uart_init();
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a multiboot loader (eax 0x%x)", magic);
	nmem = parse_host_cmdline(mbi->flags & MULTIBOOT_INFO_CMDLINE ?
				  (const char *)mbi->cmdline : NULL, mem_size);
	cpu_init();
	memory_init(mbi);
	/* The pool's first page guards its bottom (invariants.c). */
	pool_guard = page_alloc();
	paging_init(memory_top());
	lguest_core_init();
	apic_init();
	if (hosttest[0] && !hosttest_needs_guest(hosttest))
		run_hosttest(hosttest);

	nguests = images_from_modules(mbi, img);
	if (nmem > 1 && nmem != nguests)
		panic("mem= gives %u sizes for %u Guests", nmem, nguests);
	pool_min = HOST_POOL_MIN + (nguests - 1) * HOST_POOL_PER_GUEST;
	for (unsigned i = 0; i < nguests; i++) {
		struct lguest *lg = &guests[i];
		u32 size = mem_size[nmem > 1 ? i : 0];
		void *above, *below;

		/* A guard page either side of each Guest's RAM (invariants.c). */
		above = memory_carve_top(PAGE_SIZE, pool_min);
		lg->mem = memory_carve_top(size, pool_min);
		below = memory_carve_top(PAGE_SIZE, pool_min);
		if (!above || !lg->mem || !below)
			panic("the machine has too little memory for Guest %u's %u MiB",
			      i, size >> 20);
		if (i == 0)
			invariants_record(pool_guard, below, above);
		else
			invariants_guard_guest(below, above);
		lg->id = i;
		lg->mem_size = size;
		lg->mem_machine = (u32)lg->mem;
		host_debug("Guest RAM %u MiB at 0x%x (Guest %u)", size >> 20, lg->mem_machine, i);
	}
	host_debug("Host pool used %u KiB", pages_allocated() * 4);

	for (unsigned i = 0; i < nguests; i++)
		start_guest(&guests[i], &img[i]);
	guest_clock_init(guests, nguests);
	run_guests(img);
	end_machine(&guests[0]);
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
