#include <lguest/console.h>
#include "console_escape.h"

size_t console_escape(const u8 *in, size_t n, u8 *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (in[i] == LGUEST_CONSOLE_ESC)
			out[o++] = LGUEST_CONSOLE_ESC;
		out[o++] = in[i];
	}
	return o;
}

int console_unescape_byte(struct console_unescape *s, u8 c, u8 *out)
{
	/* After the end of input no data comes, but a power-off may still
	 * be asked for (lguest stop of a Guest whose input ended). */
	if (s->escaped) {
		s->escaped = 0;
		if (c == LGUEST_CONSOLE_EOF)
			s->ended = 1;
		if (c == LGUEST_CONSOLE_POWEROFF)
			s->poweroff = 1;
		*out = c;
		return c == LGUEST_CONSOLE_ESC && !s->ended;
	}
	if (c == LGUEST_CONSOLE_ESC) {
		s->escaped = 1;
		return 0;
	}
	*out = c;
	return !s->ended;
}

size_t console_unescape(struct console_unescape *s, u8 *buf, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n && !s->ended; i++)
		o += (size_t)console_unescape_byte(s, buf[i], &buf[o]);
	return o;
}
