/*
 * The Host's log: its own records on the serial line (COM1), which the
 * Guest's output can never pass for (include/lguest/console.h).
 */
#ifndef HOST_CONSOLE_H
#define HOST_CONSOLE_H

#include <stddef.h>

#include "uart.h"

/* Always printed: what a user must see (a Guest killed, a crash). */
void host_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Printed when the Host's command line says "verbose". */
void host_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int host_verbose;

/* The Host cannot go on: say why, then end the machine with
 * LGUEST_EXIT_HOST_FAILED. */
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* End the machine with this status (see include/lguest/exit_status.h). */
void machine_exit(unsigned status) __attribute__((noreturn));
/* End the machine with a Guest's own status, 0 to LGUEST_STATUS_MAX. */
void machine_power_off(unsigned guest_status) __attribute__((noreturn));

#endif
