/*
 * The Guest kernel's C entry, and the behaviours its command line selects.
 *
 * For now the Guest is a test subject: each "test=NAME" on its command line
 * exercises one path through the Host, and "exit=N" picks the status it
 * powers off with.  With no test it says hello and powers off.
 */
#include <lguest/boot.h>
#include <lguest/exit_status.h>
#include "drivers/console.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "kstring.h"
#include "mm/mm.h"
#include "native/native.h"
#include "x86/paravirt.h"
#include "x86/traps.h"
#include "x86/patch.h"
#include "boot/init_args.h"
#include "drivers/tty.h"
#include "drivers/mem.h"
#include "fs/fs.h"
#include "fs/vfs.h"
#include "kernel/proc.h"

/* The page we share with the Host: registered by head.S. */
/* It also tells the Host, before the first interrupt can come, where our
 * iret sequence is (entry.S): no interrupt may be delivered inside it. */
extern const char lguest_noirq_start[], lguest_noirq_end[];
struct lguest_data lguest_data __attribute__((aligned(4096))) = {
	.noirq_start = (u32)lguest_noirq_start,
	.noirq_end = (u32)lguest_noirq_end,
};

/* The world we run in: guest_main() picks it. */
struct pv_ops pv;

const struct lguest_boot_info *boot_info;
static const char *cmdline;

/* The value of "key=" on the command line, copied into buf; NULL if the
 * key is absent.  As in Linux, the words after "--" are init's, not the
 * kernel's. */
const char *cmdline_value(const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);

	for (const char *s = cmdline; s && *s;) {
		size_t n;

		while (*s == ' ')
			s++;
		for (n = 0; s[n] && s[n] != ' '; n++)
			;
		if (n == 2 && s[0] == '-' && s[1] == '-')
			break;
		if (n > klen && !strncmp(s, key, klen) && s[klen] == '=') {
			size_t vlen = n - klen - 1;

			if (vlen >= size)
				vlen = size - 1;
			memcpy(buf, s + klen + 1, vlen);
			buf[vlen] = '\0';
			return buf;
		}
		s += n;
	}
	return NULL;
}

unsigned long cmdline_number(const char *key, unsigned long dflt)
{
	char buf[16];
	unsigned long v = 0;

	if (!cmdline_value(key, buf, sizeof(buf)) || !buf[0])
		return dflt;
	for (const char *p = buf; *p; p++) {
		unsigned long digit = (unsigned long)(*p - '0');

		if (*p < '0' || *p > '9')
			crash("%s=%s is not a number", key, buf);
		/* A number too big to hold is refused, not wrapped: exit=4294967297
		 * must not become exit=1. */
		if (v > (~0ul - digit) / 10)
			crash("%s=%s is too big (the most is %lu)", key, buf, ~0ul);
		v = v * 10 + digit;
	}
	return v;
}

/* A decimal number, or dflt if s is not one. */
static unsigned long strtou(const char *s, unsigned long dflt)
{
	unsigned long v = 0;

	if (!*s)
		return dflt;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000)
			return dflt;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	return v;
}

/* The words of the command line that are the kernel's, not init's. */
static const char *const kernel_keys[] = {
	"console", "winsize", "quiet", "verbose", "init", "strace", NULL
};

/* The character devices a userland opens: /dev/null and friends, and the
 * console's tty: raw for "console=pipe" (lguest's input is a pipe), cooked
 * for "console=tty", and raw_default's way without either. */
void userland_devices_init(int raw_default)
{
	char console[16], winsize[24];
	unsigned long cols = 80, rows = 24;

	if (cmdline_value("winsize", winsize, sizeof(winsize))) {
		char *x = strchr(winsize, 'x');

		if (x) {
			*x = '\0';
			cols = strtou(winsize, cols);
			rows = strtou(x + 1, rows);
		}
	}
	mem_devices_init();
	tty_init(cmdline_value("console", console, sizeof(console)) ?
		 !strcmp(console, "pipe") : raw_default, cols, rows);
}

/*
 * As Linux boots: the initramfs unpacked into the root file system, the
 * console's tty set up, and the initramfs's /init (or rdinit=) run as
 * process 1 with the command line's arguments; when it exits, so do we,
 * with its status.
 */
static void __attribute__((noreturn)) boot_userland(void)
{
	static char words[2048];
	struct init_args args;
	const char *err = init_args_parse(cmdline, kernel_keys, words, sizeof(words), &args);
	int status;

	if (err)
		crash("command line: %s", err);
	if (!boot_info->initrd || !boot_info->initrd_size)
		crash("no initramfs: there is nothing to run (give one with --initrd)");
	/* Files made from here on are stamped with the time of day (the
	 * archive's entries keep their own). */
	fs_clock = realtime_now;
	vfs_init(__va(boot_info->initrd), boot_info->initrd_size);
	userland_devices_init(0);
	for (int i = 0; args.kernel[i]; i++)
		if (!strcmp(args.kernel[i], "strace"))
			syscall_trace = 1;
	status = proc_start_init(args.init, args.argv, args.envp);
	if (status < 0)
		crash("cannot run %s as init (error %d)", args.init, -status);
	/* init's status as a shell would give it (128 + a signal that
	 * killed it) is the run's. */
	power_off((unsigned)proc_run_all_quietly());
}

/* The TSC at our first C instruction (bench/native.sh). */
unsigned long long entry_tsc;

/*
 * head.S hands on the magic number it found in %eax at entry: that, and
 * nothing decided at build time, says which world we are in.  Natively
 * there is no boot page yet: native_boot() makes one from the multiboot
 * information, and from here on the two boots are the same.  Then every
 * paravirt call site is patched for the world (patch.h).
 */
void guest_main(u32 magic, unsigned long boot)
{
	unsigned long boot_gpa = boot;
	char test[32];

	entry_tsc = rdtsc();
	if (magic == LGUEST_BOOT_MAGIC) {
		pv = lguest_pv_ops;
	} else {
		pv = native_pv_ops;
		boot_gpa = native_boot(boot);
	}
	patch_sites();
	boot_info = __va(boot_gpa);
	cmdline = __va(boot_info->cmdline);
	if (boot_info->magic != LGUEST_BOOT_MAGIC)
		crash("bad boot page magic 0x%x", boot_info->magic);

	traps_init();
	mm_init();
	virtio_console_init();

	/* "test=NAME" makes the kernel a test subject; otherwise it is a
	 * Unix, and its initramfs says what runs. */
	if (cmdline_value("test", test, sizeof(test))) {
		run_test(test);
		power_off(cmdline_number("exit", 0));
	}
	boot_userland();
}
