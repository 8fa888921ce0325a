/* What the Guest kernel's parts share. */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include <stddef.h>
#include <lguest/boot.h>
#include <lguest/hcall.h>

#define __pa(p) ((unsigned long)(p) - LGUEST_PAGE_OFFSET)
#define __va(pa) ((void *)((unsigned long)(pa) + LGUEST_PAGE_OFFSET))

extern struct lguest_data lguest_data;
extern const struct lguest_boot_info *boot_info;
/* The TSC when guest_main() began. */
extern unsigned long long entry_tsc;

const char *cmdline_value(const char *key, char *buf, size_t size);
unsigned long cmdline_number(const char *key, unsigned long dflt);

/* tests.c: run the behaviour "test=NAME" asked for. */
void run_test(const char *name);
/* /dev's character devices and the console's tty (main.c). */
void userland_devices_init(int raw_default);

static inline unsigned long long rdtsc(void)
{
	unsigned int lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

#endif
