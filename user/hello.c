/* Says hello with write(), and exits with the status in argv[1]'s name. */
#include "lib/user.h"

int main(int argc, char **argv)
{
	struct line l = { .len = 0 };

	line_add(&l, "hello from ring 3, I am ");
	line_add(&l, argv[0]);
	line_add(&l, ", pid ");
	line_num(&l, (u64)getpid());
	line_add(&l, "\n");
	line_write(&l);
	return 7;
}
