/* The Guest's console and its way out, both by hypercall. */
#include <stdarg.h>
#include <lguest/boot.h>
#include "console.h"
#include "format.h"
#include "guest.h"
#include "hcall.h"

/* The Host wants Guest-physical addresses; our data is linked at
 * LGUEST_PAGE_OFFSET above them. */


void console_write(const char *s, size_t len)
{
	while (len) {
		size_t n = len > LGUEST_CONSOLE_WRITE_MAX ? LGUEST_CONSOLE_WRITE_MAX : len;

		hcall(LHCALL_CONSOLE_WRITE, __pa(s), n, 0, 0);
		s += n;
		len -= n;
	}
}

void printk(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void crash(const char *fmt, ...)
{
	static char msg[LGUEST_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (;;)
		hcall(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_CRASH, __pa(msg), 0, 0);
}

void power_off(unsigned status)
{
	for (;;)
		hcall(LHCALL_SHUTDOWN, LGUEST_SHUTDOWN_POWEROFF, status, 0, 0);
}
