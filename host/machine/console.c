/* The Host's log on the serial line (include/lguest/console.h), and how
 * the machine ends. */
#include <stdarg.h>
#include <lguest/exit_status.h>
#include "console.h"
#include "format.h"
#include "kstring.h"
#include "serial_log.h"
#include "x86.h"

int host_verbose;

#define LINE_MAX 512
#define CUT "... [cut]"

static void vlog(const char *fmt, va_list ap)
{
	char line[LINE_MAX + sizeof(CUT)];
	int n = vformat(line, LINE_MAX, fmt, ap);

	if (n >= LINE_MAX) {
		memcpy(line + LINE_MAX - 1, CUT, sizeof(CUT) - 1);
		n = LINE_MAX - 1 + sizeof(CUT) - 1;
	}
	serial_log_line(line, (size_t)n);
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

static __attribute__((noreturn)) void write_exit_port(unsigned value)
{
	irq_disable();
	outl(LGUEST_EXIT_PORT, value);
	/* Without the isa-debug-exit device (a bare multiboot loader), stop. */
	for (;;)
		halt();
}

void machine_exit(unsigned status)
{
	write_exit_port(LGUEST_EXIT_PORT_VALUE(status));
}

void machine_power_off(unsigned guest_status)
{
	write_exit_port(serial_log_exit_port_value(guest_status));
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
