/*
 * printf-style formatting for the freestanding kernels: %d %i %u %x %X %p
 * %s %c %%, with "0" and "-" flags, a width, a precision for %s, and the
 * "l" (ignored: longs are 32 bits) and "ll" (64-bit) length modifiers.
 */
#ifndef LGUEST_FORMAT_H
#define LGUEST_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Like vsnprintf: writes at most size bytes, always NUL-terminated when
 * size > 0, and returns the length the whole output would have had, so a
 * caller can see that it was cut. */
int vformat(char *buf, size_t size, const char *fmt, va_list ap);
int format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
