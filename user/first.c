/* Prints the TSC at its first instruction: the machine's TSC starts at 0
 * at reset, so this is how long the boot took to reach a program. */
#include "lib/user.h"

int main(void)
{
	u64 t = rdtsc();

	print_num("first: TSC ", t);
	print("\n");
	return 0;
}
