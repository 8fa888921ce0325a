/* The serial line's records (include/lguest/console.h), through the UART:
 * the machine's own lines, and the Guest kernel's output, kept apart. */
#ifndef LGUEST_SERIAL_LOG_H
#define LGUEST_SERIAL_LOG_H

#include <stddef.h>

/* One line of the machine's own word (the Host's; natively, the Guest
 * kernel's verdict when it ends the machine).  A control character in it
 * is written as '?': a quoted Guest message cannot start a line. */
void serial_log_line(const char *s, size_t len);

/* The exit port's value (exit_status.h) for a Guest's status from 0 to
 * LGUEST_STATUS_MAX; one the port cannot carry is first written here as
 * the machine's record. */
unsigned serial_log_exit_port_value(unsigned status);

/* The Guest kernel's bytes, as they come: each line they start is marked
 * as the Guest's. */
void serial_log_guest(const char *s, size_t len);
/* The same for Guest id of several (0 to 9): its lines start with
 * LGUEST_SERIAL_GUEST, with id before the colon unless it is 0
 * ("guest2: "). */
void serial_log_guest_of(unsigned id, const char *s, size_t len);

#endif
