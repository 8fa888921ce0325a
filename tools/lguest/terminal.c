/*
 * The terminal, when the console is one and the run is in its foreground.
 * The Guest gets every key as it is typed (raw input), and whatever way we
 * leave, the terminal is put back as we found it, without the input the
 * Guest did not read (it was typed for the Guest, not for the shell).
 * Output processing stays on, so the Guest's "\n" still starts a new line.
 *
 * A run that is not in the terminal's foreground process group (started
 * with & or under timeout(1), which gives its command a group of its own)
 * leaves the terminal alone: changing its modes from there would stop us
 * with SIGTTOU, and its input is not ours to read.
 */
#include <termios.h>
#include <unistd.h>
#include "lguest.h"

static struct termios saved;
static int is_raw;

int terminal_interactive(void)
{
	return isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp();
}

void terminal_raw(void)
{
	struct termios raw;

	if (!terminal_interactive() || tcgetattr(STDIN_FILENO, &saved) < 0)
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
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		is_raw = 0;
	}
}
