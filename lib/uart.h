/* The PC's first serial port, polled: the Host's log, and a native
 * Guest's console until its virtio console is up (lib/uart.c).  Its input
 * is the lguest command's requests to the Host (include/lguest/console.h);
 * the Guests' input comes through their virtio consoles. */
#ifndef LGUEST_UART_H
#define LGUEST_UART_H

#include <stddef.h>

void uart_init(void);
void uart_write(const char *s, size_t len);
/* The next byte that came, or -1 if none has. */
int uart_read(void);

#endif
