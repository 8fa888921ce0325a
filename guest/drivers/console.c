/* The Guest's console, its log and its ways out, through whichever world
 * it is in (console.h). */
#include <stdarg.h>
#include "drivers/console.h"
#include "format.h"
#include "boot/guest.h"
#include "x86/paravirt.h"

void console_write(const char *s, size_t len)
{
	if (!virtio_console_write(s, len))
		pv.console_write(s, len);
}

void printk(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pv.console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void crash(const char *fmt, ...)
{
	/* Static: the Host reads it after we have trapped out. */
	static char msg[LGUEST_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pv.crash(msg);
}

void power_off(unsigned status)
{
	pv.power_off(status);
}
