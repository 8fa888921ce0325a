/* The console's tty (tty.c). */
#ifndef GUEST_TTY_H
#define GUEST_TTY_H

#include <lguest/types.h>

/* Take over the console's input and register /dev/hvc0, /dev/console and
 * /dev/tty.  raw: start with the line discipline off (the user's input is
 * a pipe, not a person); cols x rows: the window size TIOCGWINSZ reports. */
void tty_init(int raw, u32 cols, u32 rows);

#endif
