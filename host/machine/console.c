/* The Host's log on the serial line, and how the machine ends. */
#include <stdarg.h>
#include <lguest/exit_status.h>
#include "console.h"
#include "format.h"
#include "uart.h"
#include "x86.h"

int host_verbose;

static void vlog(const char *fmt, va_list ap)
{
	char line[512];
	int n = vformat(line, sizeof(line), fmt, ap);

	uart_write("lguest: ", 8);
	if (n >= (int)sizeof(line)) {
		uart_write(line, sizeof(line) - 1);
		uart_write("... [cut]", 9);
	} else {
		uart_write(line, (size_t)n);
	}
	uart_write("\n", 1);
}

void host_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

void host_debug(const char *fmt, ...)
{
	va_list ap;

	if (!host_verbose)
		return;
	va_start(ap, fmt);
	vlog(fmt, ap);
	va_end(ap);
}

void machine_exit(unsigned status)
{
	irq_disable();
	outl(LGUEST_EXIT_PORT, LGUEST_EXIT_PORT_VALUE(status));
	/* Without the isa-debug-exit device (a bare multiboot loader), stop. */
	for (;;)
		halt();
}

void panic(const char *fmt, ...)
{
	char why[400];
	va_list ap;

	irq_disable();
	va_start(ap, fmt);
	vformat(why, sizeof(why), fmt, ap);
	va_end(ap);
	host_log("Host panic: %s", why);
	machine_exit(LGUEST_EXIT_HOST_FAILED);
}
