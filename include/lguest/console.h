/*
 * The console's two channels, between the Guest, the Host and the lguest
 * command.
 *
 * The Guest's console (the virtio console) is the user's stdin and stdout,
 * byte for byte, but for the input stream's escape.  Byte 0xFF escapes:
 * 0xFF 0xFF is one data byte 0xFF, 0xFF 0x00 says no more input will come
 * (the command's standard input ended), and 0xFF followed by any other
 * byte means nothing and is dropped, so both can grow.
 * lib/console_escape.c encodes and decodes it.
 *
 * The machine's serial line is the Host's channel to the lguest command,
 * which the Guest cannot write: one record a line.  A line that starts
 * with LGUEST_SERIAL_HOST is the Host's word (its verdicts and its log);
 * the Guest's own kernel messages reach it through the Host, which starts
 * each of their lines with LGUEST_SERIAL_GUEST, so whatever the Guest
 * writes can never begin a line of the Host's (lib/serial_log.c).
 * Natively there is no Host: the Guest kernel is the machine, writes the
 * serial line itself and keeps to the same records.  The lguest command
 * shows both on its stderr.
 */
#ifndef LGUEST_CONSOLE_H
#define LGUEST_CONSOLE_H

#define LGUEST_CONSOLE_ESC	0xFF
#define LGUEST_CONSOLE_EOF	0x00	/* after ESC: end of input */

#define LGUEST_SERIAL_HOST	"lguest: "
#define LGUEST_SERIAL_GUEST	"guest: "

#endif
