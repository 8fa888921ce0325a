/* x87 and SSE state across switches: compute, yield to a twin doing the
 * same with other numbers, and check ours is intact. */
#include "lib/user.h"

int main(int argc, char **argv)
{
	u32 seed = argv[0][4] == 'a' ? 3 : 5;	/* "fpu-a" or "fpu-b" */
	float in[4] = { seed, seed * 2, seed * 3, seed * 4 }, out[4];
	double x = seed, y;

	asm volatile("movups %0, %%xmm3" : : "m"(in));
	asm volatile("fldl %0" : : "m"(x));
	for (int i = 0; i < 20; i++)
		sched_yield();
	asm volatile("movups %%xmm3, %0" : "=m"(out));
	asm volatile("fstpl %0" : "=m"(y));
	for (int i = 0; i < 4; i++)
		if (out[i] != in[i])
			return print("an SSE register changed under us\n"), 1;
	if (y != x)
		return print("the x87 stack changed under us\n"), 2;
	/* One write, so a switch cannot split the line. */
	print(seed == 3 ? "fpu-a: x87 and SSE state survived\n"
			: "fpu-b: x87 and SSE state survived\n");
	return 0;
}
