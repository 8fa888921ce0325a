/* The Guest's console: early output through the console-write hypercall. */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stddef.h>

void console_write(const char *s, size_t len);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Tell the Host we crashed, with a message; never returns. */
void crash(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void power_off(unsigned status) __attribute__((noreturn));

#endif
