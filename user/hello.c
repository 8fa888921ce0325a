/* Says hello with write(), and exits with the status in argv[1]'s name. */
#include "lib/user.h"

int main(int argc, char **argv)
{
	print("hello from ring 3, I am ");
	print(argv[0]);
	print_num(", pid ", (u64)getpid());
	print("\n");
	return 7;
}
