/*
 * System calls the kernel lacks: each answers -ENOSYS, as on Linux, and
 * the program goes on.  222 is a hole in Linux's i386 table; 1000 and
 * 0xFFFFFFFF lie past its end.  Each is asked twice: the kernel reports
 * a number once, however often it comes.
 */
#include "lib/user.h"

static const long numbers[] = { 222, 222, 1000, 1000, -1, -1 };

int main(void)
{
	for (unsigned i = 0; i < sizeof(numbers) / sizeof(*numbers); i++) {
		struct line l = { 0 };

		line_add(&l, "system call ");
		line_num(&l, (u32)numbers[i]);
		line_add(&l, " = -");
		line_num(&l, (u64)-syscall3(numbers[i], 0, 0, 0));
		line_add(&l, "\n");
		line_write(&l);
	}
	return 0;
}
