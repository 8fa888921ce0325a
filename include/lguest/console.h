/*
 * The console's two channels, between the Guest, the Host and the lguest
 * command.
 *
 * The Guest's console (the virtio console) is the user's stdin and stdout,
 * byte for byte, but for the input stream's escape.  Byte 0xFF escapes:
 * 0xFF 0xFF is one data byte 0xFF, 0xFF 0x00 says no more input will come
 * (the command's standard input ended), 0xFF 0x01 asks the Guest to power
 * off (lguest stop), and 0xFF followed by any other byte means nothing and
 * is dropped, so both can grow.
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
 *
 * The other way, the serial line carries the lguest command's requests to
 * the Host, one a line of at most LGUEST_REQUEST_MAX bytes (the Host reads
 * them on its tick and drops a longer line whole):
 *   "state"    the Host answers with a LGUEST_SERIAL_STATE record for each
 *              Guest, "lguest: state N WHAT MEM TSC_CYCLES TSC_KHZ SWITCHES"
 *              (N from 0; WHAT running, halted, off, crashed or killed;
 *              MEM in bytes), then "lguest: state end";
 *   "kill N"   the Host kills Guest N (lguest stop's grace period is over).
 * The lguest command keeps state records to itself; they are not shown.
 */
#ifndef LGUEST_CONSOLE_H
#define LGUEST_CONSOLE_H

#define LGUEST_CONSOLE_ESC	0xFF
#define LGUEST_CONSOLE_EOF	0x00	/* after ESC: end of input */
#define LGUEST_CONSOLE_POWEROFF	0x01	/* after ESC: please power off */

#define LGUEST_SERIAL_HOST	"lguest: "
#define LGUEST_SERIAL_GUEST	"guest: "
#define LGUEST_SERIAL_STATE	"lguest: state "

#define LGUEST_REQUEST_MAX	32

#endif
