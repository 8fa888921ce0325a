/* Two of these take turns: each prints its letter and yields, N times. */
#include "lib/user.h"

int main(int argc, char **argv)
{
	char c = argv[0][6];	/* "yield-a" or "yield-b" */

	for (int i = 0; i < 5; i++) {
		write(1, &c, 1);
		sched_yield();
	}
	return 0;
}
