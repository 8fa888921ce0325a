/*
 * The console's escape key.  The Guest gets the terminal raw, Ctrl-C
 * included, so the user needs another way to stop it: Ctrl-A x, as in
 * QEMU's multiplexer (which we cannot use: on QEMU 7.2 it starves microvm's
 * serial line of input).  Ctrl-A Ctrl-A sends one Ctrl-A; Ctrl-A followed
 * by anything else sends both, so a stray Ctrl-A is never swallowed.
 */
#include "lguest.h"

long escape_filter(struct escape *e, const char *in, size_t n, char *out)
{
	long len = 0;

	for (size_t i = 0; i < n; i++) {
		char c = in[i];

		if (!e->pending) {
			if (c == ESCAPE_KEY)
				e->pending = 1;
			else
				out[len++] = c;
			continue;
		}
		e->pending = 0;
		if (c == 'x' || c == 'X')
			return -1;
		if (c != ESCAPE_KEY)
			out[len++] = ESCAPE_KEY;
		out[len++] = c;
	}
	return len;
}
