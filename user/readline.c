/* Reads standard input (the console) up to the end of a line and says what
 * it read: a program's read() of what the user typed, through the Guest's
 * virtio console.  A spinning program beside it must still get to run.
 * A line longer than buf holds is read to its end and said cut. */
#include "lib/user.h"

int main(int argc, char **argv)
{
	struct line l = { .len = 0 };
	char buf[64];
	u32 len = 0, cut = 0;

	line_add(&l, "readline: type a line\n");
	line_write(&l);
	l.len = 0;
	line_add(&l, "readline: read \"");
	for (;;) {
		char c;
		long n = read(0, &c, 1);

		if (n != 1) {
			print_num("readline: read() returned ", (u64)n);
			return 1;
		}
		if (c == '\n' || c == '\r')
			break;
		/* One byte stays for the '\0'. */
		if (len < sizeof(buf) - 1)
			buf[len++] = c;
		else
			cut++;
	}
	buf[len] = '\0';
	line_add(&l, buf);
	line_add(&l, "\"");
	if (cut) {
		line_add(&l, " and cut ");
		line_num(&l, cut);
		line_add(&l, " more");
	}
	line_add(&l, "\n");
	line_write(&l);
	return 0;
}
