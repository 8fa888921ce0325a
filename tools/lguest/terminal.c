/*
 * The terminal, when the console is one.  The Guest gets every key as it
 * is typed (raw input), and whatever way we leave, the terminal is put back
 * as we found it.  Output processing stays on, so the Guest's "\n" still
 * starts a new line.
 */
#include <termios.h>
#include <unistd.h>
#include "lguest.h"

static struct termios saved;
static int is_raw;

void terminal_raw(void)
{
	struct termios raw;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved) < 0)
		return;
	raw = saved;
	cfmakeraw(&raw);
	raw.c_oflag |= OPOST;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0)
		is_raw = 1;
}

/* Safe to call more than once, and from a signal's aftermath. */
void terminal_restore(void)
{
	if (is_raw) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
		is_raw = 0;
	}
}
