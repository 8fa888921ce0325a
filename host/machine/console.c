/* The Host's log on the serial line, and how the machine ends. */
#include <stdarg.h>
#include <lguest/exit_status.h>
#include "console.h"
#include "format.h"
#include "x86.h"

#define COM1 0x3F8
#define LSR_THR_EMPTY 0x20	/* line status: transmit holding register empty */

int host_verbose;

/* A byte that arrived before serial_init() turned the FIFO on (which
 * empties it): kept for serial_read(). */
static int early_byte = -1;

void serial_init(void)
{
	if (inb(COM1 + 5) & 0x01)
		early_byte = inb(COM1);
	outb(COM1 + 1, 0x00);	/* no UART interrupts: we poll */
	outb(COM1 + 3, 0x80);	/* DLAB on to set the speed... */
	outb(COM1 + 0, 0x01);	/* ...115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);	/* 8 bits, no parity, one stop bit */
	outb(COM1 + 2, 0xC7);	/* FIFOs on and cleared */
	outb(COM1 + 4, 0x03);	/* DTR and RTS */
}

static void serial_putc(char c)
{
	while (!(inb(COM1 + 5) & LSR_THR_EMPTY))
		;
	outb(COM1, (u8)c);
}

int serial_read(void)
{
	if (early_byte >= 0) {
		int c = early_byte;

		early_byte = -1;
		return c;
	}
	if (!(inb(COM1 + 5) & 0x01))	/* line status: data ready */
		return -1;
	return inb(COM1);
}

void serial_write(const char *s, size_t len)
{
	while (len--)
		serial_putc(*s++);
}

static void vlog(const char *fmt, va_list ap)
{
	char line[512];
	int n = vformat(line, sizeof(line), fmt, ap);

	serial_write("lguest: ", 8);
	if (n >= (int)sizeof(line)) {
		serial_write(line, sizeof(line) - 1);
		serial_write("... [cut]", 9);
	} else {
		serial_write(line, (size_t)n);
	}
	serial_write("\n", 1);
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
