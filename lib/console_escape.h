/* The console input stream's escapes (include/lguest/console.h), both
 * ways: the lguest command escapes, the Guest's console driver decodes. */
#ifndef LGUEST_CONSOLE_ESCAPE_H
#define LGUEST_CONSOLE_ESCAPE_H

#include <stddef.h>
#include <lguest/types.h>

/* Escape in[0..n) into out, which has room for 2 * n bytes.  Returns the
 * bytes written. */
size_t console_escape(const u8 *in, size_t n, u8 *out);

/* The decoder's state between calls: an escape may be split across two
 * buffers the device fills. */
struct console_unescape {
	int escaped;	/* the last buffer ended with ESC */
	int ended;	/* the end-of-input escape came */
	int poweroff;	/* the power-off escape came (lguest stop) */
};

/* One byte c of the stream: 1 and the data byte in *out, or 0 when c
 * only changed the state (an escape begun, the end of input, a power-off
 * asked for, or c came after the end, when only a power-off counts). */
int console_unescape_byte(struct console_unescape *s, u8 c, u8 *out);

/* Decode buf[0..n) in place.  Returns how many data bytes are now at the
 * front of buf; sets s->ended when the end of input came (what follows
 * it is dropped). */
size_t console_unescape(struct console_unescape *s, u8 *buf, size_t n);

#endif
