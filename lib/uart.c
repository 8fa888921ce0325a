/* The PC's first serial port, polled (uart.h). */
#include "port_io.h"
#include "uart.h"

#define COM1		0x3F8
#define LSR_DATA_READY	0x01	/* line status: a byte has come */
#define LSR_THR_EMPTY	0x20	/* line status: ready for the next byte */

void uart_init(void)
{
	outb(COM1 + 1, 0x00);	/* no UART interrupts: we poll */
	outb(COM1 + 3, 0x80);	/* DLAB on to set the speed... */
	outb(COM1 + 0, 0x01);	/* ...115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);	/* 8 bits, no parity, one stop bit */
	/* FIFOs on (and emptied): input waits there, 16 bytes of it, until
	 * a poll reads it.  Output still waits for an empty transmitter. */
	outb(COM1 + 2, 0x07);
	outb(COM1 + 4, 0x03);	/* DTR and RTS */
}

void uart_write(const char *s, size_t len)
{
	while (len--) {
		while (!(inb(COM1 + 5) & LSR_THR_EMPTY))
			;
		outb(COM1, (u8)*s++);
	}
}

int uart_read(void)
{
	if (!(inb(COM1 + 5) & LSR_DATA_READY))
		return -1;
	return inb(COM1);
}
