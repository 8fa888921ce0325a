/*
 * What the user types or pipes, as the Guest's console receives it
 * (include/lguest/console.h): 0xFF doubled, end of input as ESC EOF, and,
 * on a terminal only, Ctrl-A commands for lguest itself (and, attached
 * with lguest console, the detach key).  Piped input is data, whatever
 * bytes it holds.
 */
#include <lguest/console.h>
#include "console_escape.h"
#include "lguest.h"

#define CTRL_A 0x01

size_t console_keys(struct console_input *ci, const unsigned char *in, size_t n,
		    unsigned char *out, unsigned *events)
{
	size_t len = 0;

	*events = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = in[i];

		if (ci->interactive && ci->after_ctrl_a) {
			ci->after_ctrl_a = 0;
			if (c == 'x' || c == 'X') {
				/* The run ends: nothing after it is the Guest's. */
				*events |= CONSOLE_QUIT;
				return len;
			}
			if (c == 'c' || c == 'C' || c == 'h' || c == 'H' || c == '?') {
				*events |= CONSOLE_HELP;
				continue;
			}
			if (c != CTRL_A)
				out[len++] = CTRL_A;
		} else if (ci->interactive && c == CTRL_A) {
			ci->after_ctrl_a = 1;
			continue;
		} else if (ci->interactive && ci->detach_key && c == ci->detach_key) {
			*events |= CONSOLE_QUIT;
			return len;
		}
		out[len++] = c;
	}
	return len;
}

size_t console_input(struct console_input *ci, const unsigned char *in, size_t n,
		     unsigned char *out, unsigned *events)
{
	unsigned char keys[257];	/* a piece's keys: one more than it */
	size_t len = 0;

	*events = 0;
	for (size_t done = 0; done < n && !(*events & CONSOLE_QUIT); ) {
		size_t piece = n - done < 256 ? n - done : 256;
		unsigned got;
		size_t k = console_keys(ci, in + done, piece, keys, &got);

		len += console_escape(keys, k, out + len);
		*events |= got;
		done += piece;
	}
	return len;
}

size_t console_input_end(unsigned char *out)
{
	out[0] = LGUEST_CONSOLE_ESC;
	out[1] = LGUEST_CONSOLE_EOF;
	return 2;
}
