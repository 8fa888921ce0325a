/* The PC's first serial port, polled, output only: the Host's log, and a
 * native Guest's console until its virtio console is up (lib/uart.c).
 * Input comes through the virtio console. */
#ifndef LGUEST_UART_H
#define LGUEST_UART_H

#include <stddef.h>

void uart_init(void);
void uart_write(const char *s, size_t len);

#endif
