/*
 * The smallest test harness that can fail: CHECK prints "ok NAME" or
 * "not ok NAME" with the file, line and expression, and check_done() turns
 * any failure into a non-zero exit status.  tests/run tallies the lines.
 */
#ifndef LGUEST_CHECK_H
#define LGUEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int check_failures;

#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		if (cond) {                                                  \
			printf("ok ");                                       \
			printf(__VA_ARGS__);                                 \
			printf("\n");                                        \
		} else {                                                     \
			check_failures++;                                    \
			printf("not ok ");                                   \
			printf(__VA_ARGS__);                                 \
			printf("\n    %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		}                                                            \
	} while (0)

static inline int check_done(void)
{
	return check_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
