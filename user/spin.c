/* CPU-bound: counts, never yielding, and reports (in one write, so a
 * report is never split by a switch) each millionth count: two of these
 * both progress only if the timer preempts them. */
#include "lib/user.h"

int main(int argc, char **argv)
{
	volatile u32 n = 0;
	int reports = 0;

	while (reports < 3) {
		n++;
		if ((n & 0xFFFFF) == 0) {
			char line[32], *p = line;
			u32 k = n / 0x100000;

			for (const char *s = argv[0]; *s; s++)
				*p++ = *s;
			*p++ = ' ';
			*p++ = (char)('0' + k);
			*p++ = '\n';
			write(1, line, (u32)(p - line));
			reports++;
		}
	}
	return 0;
}
