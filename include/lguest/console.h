/*
 * The console's input stream, from the lguest command to the Guest.  Byte
 * 0xFF escapes: 0xFF 0xFF is one data byte 0xFF, 0xFF 0x00 says no more
 * input will come (the command's standard input ended), and 0xFF followed
 * by any other byte means nothing and is dropped, so both can grow.
 * lib/console_escape.c encodes and decodes it.
 */
#ifndef LGUEST_CONSOLE_H
#define LGUEST_CONSOLE_H

#define LGUEST_CONSOLE_ESC	0xFF
#define LGUEST_CONSOLE_EOF	0x00	/* after ESC: end of input */

#endif
