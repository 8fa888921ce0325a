/* The PC's first serial port, polled: the Host's log and the Guest's
 * console natively (lib/uart.c). */
#ifndef LGUEST_UART_H
#define LGUEST_UART_H

#include <stddef.h>

void uart_init(void);
void uart_write(const char *s, size_t len);
/* A byte the line has received, or -1 if none. */
int uart_read(void);

#endif
