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

size_t console_unescape(struct console_unescape *s, u8 *buf, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n && !s->ended; i++) {
		if (s->escaped) {
			s->escaped = 0;
			if (buf[i] == LGUEST_CONSOLE_ESC)
				buf[o++] = buf[i];
			else if (buf[i] == LGUEST_CONSOLE_EOF)
				s->ended = 1;
		} else if (buf[i] == LGUEST_CONSOLE_ESC) {
			s->escaped = 1;
		} else {
			buf[o++] = buf[i];
		}
	}
	return o;
}
