/* Touches memory that is not there: killed, as Linux would. */
#include "lib/user.h"

int main(void)
{
	print("segv: reading 0x1234\n");
	return *(volatile int *)0x1234;
}
