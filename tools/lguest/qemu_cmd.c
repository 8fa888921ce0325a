/*
 * The QEMU command line for a run: the microvm machine, our Host as its
 * multiboot kernel, the Guest kernel and initrd as modules, the Guest's
 * console and the serial line (each on its own channel to lguest), and the
 * isa-debug-exit device the Host ends the machine through.  With --native
 * there is no Host: the Guest kernel is the multiboot kernel, its command
 * line QEMU's -append, its initrd the one module, and it ends the machine
 * through the same device.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lguest/exit_status.h>
#include "lguest.h"

/* Room the Host needs beyond the Guest's RAM and the modules: its image,
 * the low megabyte, and its page pool. */
#define HOST_RESERVE_MIB 16

struct argv_builder {
	char **v;
	size_t n;
};

static void add(struct argv_builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct argv_builder *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	b->v = realloc(b->v, (b->n + 2) * sizeof(*b->v));
	if (!b->v)
		abort();
	b->v[b->n++] = s;
	b->v[b->n] = NULL;
}

/* QEMU separates multiboot modules with commas: a comma inside one is
 * written twice.  Returns a new string. */
static char *escape_commas(const char *s)
{
	char *out = malloc(2 * strlen(s) + 1), *p = out;

	if (!out)
		abort();
	for (; *s; s++) {
		*p++ = *s;
		if (*s == ',')
			*p++ = ',';
	}
	*p = '\0';
	return out;
}

uint64_t qemu_mem_mib(const struct options *o)
{
	uint64_t mib = (o->mem >> 20) + ((o->kernel_size + o->initrd_size) >> 20) + 1 +
		       HOST_RESERVE_MIB;

	/* Each other Guest: its RAM, its modules, and 3 MiB for its guard
	 * pages and the Host pool its shadow page tables may take
	 * (host/core/page_tables.h: SHADOW_PAGES_PER_GUEST pages). */
	for (unsigned i = 1; i < o->nguests; i++)
		mib += (o->guests[i].mem >> 20) + 3 +
		       ((o->guests[i].kernel_size + o->guests[i].initrd_size) >> 20) + 1;
	return mib;
}

/* ",MEM" for each Guest after the first (the Host's mem=). */
static const char *other_guests_mem(const struct options *o)
{
	static char s[LGUEST_CLI_MAX_GUESTS * 24];
	size_t n = 0;

	s[0] = '\0';
	for (unsigned i = 1; i < o->nguests; i++)
		n += (size_t)snprintf(s + n, sizeof(s) - n, ",%llu",
				      (unsigned long long)o->guests[i].mem);
	return s;
}

/* " disks=N,N,...": whose each of the machine's disks is, in the order
 * qemu_argv() gives them; "" if only the first Guest may have one. */
static const char *disk_owners(const struct options *o)
{
	static char s[16 + 2 * LGUEST_CLI_MAX_GUESTS];
	size_t n = 0;

	s[0] = '\0';
	if (o->nguests < 2)
		return s;
	for (unsigned i = 0; i < o->nguests; i++)
		if (i ? o->guests[i].disk != NULL : o->disk != NULL)
			n += (size_t)snprintf(s + n, sizeof(s) - n, "%s%u",
					      n ? "," : " disks=", i);
	return s;
}

/* ",KERNEL CMDLINE[,INITRD]" for each Guest after the first: the Host
 * starts a Guest at each ELF module. */
static const char *other_guests_modules(const struct options *o)
{
	static char *s;

	free(s);
	s = strdup("");
	for (unsigned i = 1; i < o->nguests; i++) {
		const struct guest_spec *g = &o->guests[i];
		char *k = escape_commas(g->kernel_mod.path);
		char *c = escape_commas(g->cmdline ? g->cmdline : "");
		char *r = g->initrd ? escape_commas(g->initrd_mod.path) : NULL;
		char *t;

		if (asprintf(&t, "%s,%s %s%s%s", s, k, c, r ? "," : "", r ? r : "") < 0)
			abort();
		free(s);
		free(k);
		free(c);
		free(r);
		s = t;
	}
	return s;
}

char **qemu_argv(const struct options *o)
{
	struct argv_builder b = { 0 };
	char *kernel = escape_commas(o->kernel_mod.path);
	char *cmdline = escape_commas(o->cmdline ? o->cmdline : "");

	add(&b, "%s", o->qemu);
	add(&b, "-M");
	add(&b, "microvm");
	add(&b, "-accel");
	add(&b, o->kvm ? "kvm" : "tcg");
	if (o->kvm) {
		add(&b, "-cpu");
		add(&b, "host");
	} else if (o->gdb) {
		/* For gdb, QEMU is qemu-system-i386 (see gdb.c): the same CPU
		 * model as qemu-system-x86_64's default, less the 64-bit
		 * features it could not give. */
		add(&b, "-cpu");
		add(&b, "qemu64,-lm,-syscall");
	}
	add(&b, "-m");
	/* Natively the Guest's RAM is the machine's, exactly (QEMU's loader
	 * puts the modules inside it; the Guest moves its initrd to the top). */
	if (o->native && o->mem % (1u << 20))
		add(&b, "%lluK", (unsigned long long)(o->mem >> 10));
	else if (o->native)
		add(&b, "%llu", (unsigned long long)(o->mem >> 20));
	else
		add(&b, "%llu", (unsigned long long)qemu_mem_mib(o));
	/* Nothing but what we ask for: no network, no VGA, no reboot (a
	 * triple fault ends QEMU rather than looping). */
	add(&b, "-nodefaults");
	add(&b, "-no-reboot");
	add(&b, "-display");
	add(&b, "none");
	/* Two channels, never mixed (include/lguest/console.h).  The virtio
	 * console, which the Host serves the Guest's console from (natively
	 * the Guest drives it itself): lguest relays it to and from the
	 * user's stdin and stdout.  The serial line, for the Host's records
	 * (natively the Guest kernel's), which the Guest cannot write: only
	 * lguest reads it.  Run by hand (--dry-run), the console is QEMU's
	 * stdio, with signal=off so Ctrl-C reaches the Guest, and the serial
	 * line its stderr. */
	add(&b, "-chardev");
	if (o->qemu_console_fd >= 0)
		add(&b, "socket,id=console,fd=%d", o->qemu_console_fd);
	else
		add(&b, "stdio,id=console,signal=off");
	add(&b, "-chardev");
	if (o->qemu_serial_fd >= 0)
		add(&b, "socket,id=serial,fd=%d", o->qemu_serial_fd);
	else
		add(&b, "file,id=serial,path=/dev/stderr,append=on");
	add(&b, "-serial");
	add(&b, "chardev:serial");
	if (o->nguests > 1) {
		/* Several Guests: a virtio console for each, each on its own
		 * virtio-serial device (the Host drives single-port ones), in
		 * the Guests' order.  Another Guest's console is a socket to
		 * lguest, which lguest console attaches to, and QEMU logs its
		 * output to the console file itself (or, run by hand, only
		 * writes that file). */
		for (unsigned i = 0; i < o->nguests; i++) {
			add(&b, "-device");
			add(&b, "virtio-serial-device,id=vser%u", i);
			if (i) {
				const struct guest_spec *g = &o->guests[i];
				char *path = escape_commas(g->console);

				add(&b, "-chardev");
				if (g->qemu_console_fd >= 0)
					add(&b, "socket,id=console%u,fd=%d,logfile=%s", i,
					    g->qemu_console_fd, path);
				else
					add(&b, "file,id=console%u,path=%s", i, path);
				add(&b, "-device");
				add(&b, "virtconsole,chardev=console%u,bus=vser%u.0", i, i);
				free(path);
			} else {
				add(&b, "-device");
				add(&b, "virtconsole,chardev=console,bus=vser0.0");
			}
		}
	} else {
		add(&b, "-device");
		add(&b, "virtio-serial-device");
		add(&b, "-device");
		add(&b, "virtconsole,chardev=console");
	}
	add(&b, "-device");
	add(&b, "isa-debug-exit,iobase=0x%x,iosize=4", LGUEST_EXIT_PORT);
	/* The machine's devices, which the Host serves the Guest's from:
	 * virtio 1.x (not QEMU's legacy default on microvm), an entropy
	 * source always, and the disk if there is one.  Natively the Guest
	 * drives these same devices itself. */
	add(&b, "-global");
	add(&b, "virtio-mmio.force-legacy=false");
	add(&b, "-device");
	add(&b, "virtio-rng-device");
	if (o->disk) {
		add(&b, "-drive");
		add(&b, "file=%s,if=none,format=raw,id=disk0%s", o->disk,
		    o->disk_ro ? ",readonly=on" : "");
		add(&b, "-device");
		add(&b, "virtio-blk-device,drive=disk0");
	}
	/* Each other Guest's disk, in the Guests' order: the Host's
	 * "disks=" says whose each is. */
	for (unsigned i = 1; i < o->nguests; i++) {
		const struct guest_spec *g = &o->guests[i];
		char *disk;

		if (!g->disk)
			continue;
		disk = escape_commas(g->disk);
		add(&b, "-drive");
		add(&b, "file=%s,if=none,format=raw,id=disk%u%s", disk, i,
		    g->disk_ro ? ",readonly=on" : "");
		add(&b, "-device");
		add(&b, "virtio-blk-device,drive=disk%u", i);
		free(disk);
	}
	if (o->native) {
		add(&b, "-kernel");
		add(&b, "%s", o->kernel_mod.path);
		add(&b, "-append");
		add(&b, "%s", o->cmdline ? o->cmdline : "");
		if (o->initrd) {
			char *initrd = escape_commas(o->initrd_mod.path);

			add(&b, "-initrd");
			add(&b, "%s", initrd);
			free(initrd);
		}
	} else {
		add(&b, "-kernel");
		add(&b, "%s", o->host_mod.path);
		add(&b, "-append");
		add(&b, "mem=%llu%s%s%s", (unsigned long long)o->mem,
		    other_guests_mem(o), disk_owners(o), o->verbose ? " verbose" : "");
		add(&b, "-initrd");
		if (o->initrd) {
			char *initrd = escape_commas(o->initrd_mod.path);

			add(&b, "%s %s,%s%s", kernel, cmdline, initrd, other_guests_modules(o));
			free(initrd);
		} else {
			add(&b, "%s %s%s", kernel, cmdline, other_guests_modules(o));
		}
	}
	/* gdb: on the socket we listen on (gdb.c), or for --dry-run on the
	 * same port of the loopback, bound by QEMU. */
	if (o->gdb && o->gdb_fd >= 0) {
		add(&b, "-chardev");
		add(&b, "socket,id=gdb,fd=%d,server=on,wait=off", o->gdb_fd);
		add(&b, "-gdb");
		add(&b, "chardev:gdb");
		add(&b, "-S");
	} else if (o->gdb) {
		add(&b, "-gdb");
		add(&b, "tcp:127.0.0.1:%u", o->gdb_port);
		add(&b, "-S");
	}
	free(kernel);
	free(cmdline);
	return b.v;
}

/* Print argv so that a shell reads it back the same: each argument in
 * single quotes unless it is plainly safe.  No newline: the caller may
 * have more to say on the line. */
void print_shell_quoted(FILE *f, char **argv)
{
	for (size_t i = 0; argv[i]; i++) {
		const char *a = argv[i];
		int plain = *a && strspn(a, "abcdefghijklmnopqrstuvwxyz"
					    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					    "0123456789-_./:=,+@%") == strlen(a);

		if (i)
			fputc(' ', f);
		if (plain) {
			fputs(a, f);
			continue;
		}
		fputc('\'', f);
		for (; *a; a++) {
			if (*a == '\'')
				fputs("'\\''", f);
			else
				fputc(*a, f);
		}
		fputc('\'', f);
	}
}

void free_argv(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}
