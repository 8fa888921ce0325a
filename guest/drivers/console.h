/* The Guest's console, which programs write: its virtio device once
 * virtio_console_init() has found one, the kernel's log without one.
 * The kernel's own messages (printk, crash) never go to the console: they
 * take the world's log (the Host's console-write hypercall, or the serial
 * line natively), which the user sees apart from the programs' output
 * (include/lguest/console.h). */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stddef.h>
#include <lguest/types.h>

void console_write(const char *s, size_t len);

/* virtio_console.c: find the console device and take it over; write
 * through it (0 if there is none); take up to len bytes of what was typed
 * (0 if nothing was); wait until something was, or any interrupt came. */
void virtio_console_init(void);
int virtio_console_write(const char *s, size_t len);
u32 console_try_read(char *buf, u32 len);
/* Keys go to fn as they arrive (it returns how many it took; the rest
 * wait), instead of waiting for console_try_read(). */
void virtio_console_set_receiver(u32 (*fn)(const char *s, u32 n));
/* The receiver has room again: offer it what waits. */
void virtio_console_input_ready(void);
void console_wait_input(void);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Tell the Host we crashed, with a message; never returns. */
void crash(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void power_off(unsigned status) __attribute__((noreturn));

#endif
