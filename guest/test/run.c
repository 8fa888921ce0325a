/*
 * "test=run run=PROG,PROG,...": start each program from the initrd as a
 * process, run them all, and power off with the first one's exit status
 * (crashing, rather than cutting it, if that is over 99).
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "kernel/proc.h"
#include "test/test.h"
#include "fs/vfs.h"

/* The programs come in the initrd, a cpio archive: unpacked into the root
 * file system as at a real boot, with the devices, so that each program
 * starts with the console as its standard input, output and error: raw,
 * the bytes as they come and go.  (Only
 * these behaviours do it: others read their initrd as raw bytes.) */
static void root_from_initrd(void)
{
	if (!boot_info->initrd || !boot_info->initrd_size)
		crash("no initrd: the programs come in one (--initrd build/initrd.cpio)");
	vfs_init(__va(boot_info->initrd), boot_info->initrd_size);
	userland_devices_init(1);	/* lguest says nothing of the console to a test */
}

static void test_run(void)
{
	static char list[256];
	int status;
	char *p = list;

	if (!cmdline_value("run", list, sizeof(list)) || !list[0])
		crash("run: no programs (run=PROG,PROG,...)");
	root_from_initrd();
	while (*p) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma = '\0';
		if (proc_spawn(p) < 0)
			crash("run: cannot start %s", p);
		p = comma ? comma + 1 : p + strlen(p);
	}
	status = proc_run_all();
	if (status > 99)
		crash("run: the first program exited with status %d", status);
	power_off((unsigned)status);
}

/* "test=spawn-bench count=N": N processes created and run to their exit
 * one after another (the program "nothing"), timed with the TSC; the TSC
 * it began at, too, so several Guests' runs can be laid side by side. */
static void test_spawn_bench(void)
{
	unsigned long n = cmdline_number("count", 100);
	unsigned long long t0, t1;

	root_from_initrd();
	t0 = rdtsc();
	for (unsigned long i = 0; i < n; i++) {
		if (proc_spawn("nothing") < 0)
			crash("spawn-bench: cannot start nothing");
		proc_run_all_quietly();
	}
	t1 = rdtsc();
	printk("spawn-bench: %lu processes in %llu TSC ticks, from TSC %llu\n", n, t1 - t0, t0);
}

GUEST_TEST("run", test_run);
GUEST_TEST("spawn-bench", test_spawn_bench);

/* "test=init init=PROG": PROG from the file system as PID 1, as the boot
 * will start /init; power off with its status when it exits. */
static void test_init(void)
{
	static char path[64];
	char *argv[] = { path, NULL }, *envp[] = { "HOME=/", NULL };

	if (!cmdline_value("init", path, sizeof(path)) || !path[0])
		crash("init: no program (init=PROG)");
	root_from_initrd();
	if (proc_start_init(path, argv, envp) < 0)
		crash("init: cannot start %s", path);
	power_off((unsigned)proc_run_all());
}

GUEST_TEST("init", test_init);
