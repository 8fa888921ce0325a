/* x86 port I/O, for either kernel: the one place its instructions are. */
#ifndef LGUEST_PORT_IO_H
#define LGUEST_PORT_IO_H

#include <lguest/types.h>

static inline void outb(u16 port, u8 v) { asm volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(u16 port, u32 v) { asm volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

#endif
