/* brk and anonymous mmap: grow, touch, check, unmap. */
#include "lib/user.h"

int main(void)
{
	char *base = (char *)brk(0), *top;
	u32 *m;

	if (brk(base + 3 * 4096 + 100) != (long)(base + 3 * 4096 + 100))
		return print("brk did not grow\n"), 1;
	for (char *p = base; p < base + 3 * 4096 + 100; p += 512)
		*p = 'x';
	top = (char *)brk(0);
	print_num("brk grew by ", (u64)(top - base));
	print("\n");
	m = mmap_anon(5 * 4096);
	if ((long)m < 0)
		return print("mmap failed\n"), 2;
	for (u32 i = 0; i < 5 * 1024; i++)
		m[i] = i * 3;
	for (u32 i = 0; i < 5 * 1024; i++)
		if (m[i] != i * 3)
			return print("mmap memory lost a write\n"), 3;
	if (munmap(m, 5 * 4096) != 0)
		return print("munmap failed\n"), 4;
	print("memory: brk and mmap ok\n");
	if (write(1, (void *)0xC0000000u, 4) != -14)
		return print("write from a kernel address was not -EFAULT\n"), 5;
	if (write(1, m, 4) != -14)
		return print("write from unmapped memory was not -EFAULT\n"), 6;
	print("memory: bad pointers get -EFAULT\n");
	return 0;
}
