/* The serial line's records (serial_log.h). */
#include <lguest/console.h>
#include "serial_log.h"
#include "uart.h"

/* The Guest's last line has no newline yet: a line of the machine's own
 * must not be taken for the rest of it. */
static int guest_mid_line;

void serial_log_line(const char *s, size_t len)
{
	if (guest_mid_line) {
		uart_write("\n", 1);
		guest_mid_line = 0;
	}
	uart_write(LGUEST_SERIAL_HOST, sizeof(LGUEST_SERIAL_HOST) - 1);
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if ((unsigned char)c < 0x20 || c == 0x7F)
			c = '?';
		uart_write(&c, 1);
	}
	uart_write("\n", 1);
}

void serial_log_guest(const char *s, size_t len)
{
	while (len) {
		size_t n = 0;

		if (!guest_mid_line) {
			uart_write(LGUEST_SERIAL_GUEST, sizeof(LGUEST_SERIAL_GUEST) - 1);
			guest_mid_line = 1;
		}
		while (n < len && s[n] != '\n')
			n++;
		if (n < len) {
			n++;		/* the newline ends the Guest's line */
			guest_mid_line = 0;
		}
		uart_write(s, n);
		s += n;
		len -= n;
	}
}
