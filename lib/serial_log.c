/* The serial line's records (serial_log.h). */
#include <lguest/console.h>
#include <lguest/exit_status.h>
#include "format.h"
#include "serial_log.h"
#include "uart.h"

/* The Guest whose last line has no newline yet (-1: none): a line of the
 * machine's own, or of another Guest, must not be taken for the rest of
 * it. */
static int guest_mid_line = -1;

static void end_guest_line(void)
{
	if (guest_mid_line >= 0) {
		uart_write("\n", 1);
		guest_mid_line = -1;
	}
}

void serial_log_line(const char *s, size_t len)
{
	end_guest_line();
	uart_write(LGUEST_SERIAL_HOST, sizeof(LGUEST_SERIAL_HOST) - 1);
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if ((unsigned char)c < 0x20 || c == 0x7F)
			c = '?';
		uart_write(&c, 1);
	}
	uart_write("\n", 1);
}

unsigned serial_log_exit_port_value(unsigned status)
{
	char line[sizeof(LGUEST_EXIT_RECORD) + 10];

	if (status <= LGUEST_PORT_STATUS_MAX)
		return LGUEST_EXIT_PORT_VALUE(status);
	serial_log_line(line, (size_t)format(line, sizeof(line), LGUEST_EXIT_RECORD "%u", status));
	return LGUEST_EXIT_PORT_VALUE(LGUEST_EXIT_RECORDED);
}

void serial_log_guest(const char *s, size_t len)
{
	serial_log_guest_of(0, s, len);
}

/* Guest 0's mark is LGUEST_SERIAL_GUEST; guest N's (1 to 9) puts N
 * before its colon. */
static void guest_mark(unsigned id)
{
	const size_t n = sizeof(LGUEST_SERIAL_GUEST) - 1;

	if (!id) {
		uart_write(LGUEST_SERIAL_GUEST, n);
		return;
	}
	char digit = (char)('0' + id % 10);

	uart_write(LGUEST_SERIAL_GUEST, n - 2);
	uart_write(&digit, 1);
	uart_write(LGUEST_SERIAL_GUEST + n - 2, 2);
}

void serial_log_guest_of(unsigned id, const char *s, size_t len)
{
	while (len) {
		size_t n = 0;

		if (guest_mid_line != (int)id) {
			end_guest_line();
			guest_mark(id);
			guest_mid_line = (int)id;
		}
		while (n < len && s[n] != '\n')
			n++;
		if (n < len) {
			n++;		/* the newline ends the Guest's line */
			guest_mid_line = -1;
		}
		uart_write(s, n);
		s += n;
		len -= n;
	}
}
