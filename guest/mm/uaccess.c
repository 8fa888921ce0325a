/* User memory, from the kernel (uaccess.h). */
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "mm/uaccess.h"
#include "kstring.h"

int user_ok(u32 addr, u32 len, int write)
{
	return vm_user_ok(current->vm, addr, len, write);
}

long copy_from_user(void *dst, u32 src, u32 len)
{
	if (!user_ok(src, len, 0))
		return -EFAULT;
	memcpy(dst, (const void *)src, len);
	return 0;
}

long copy_to_user(u32 dst, const void *src, u32 len)
{
	if (!user_ok(dst, len, 1))
		return -EFAULT;
	memcpy((void *)dst, src, len);
	return 0;
}

long strnlen_user(u32 src, u32 max)
{
	for (u32 n = 0; n < max;) {
		u32 chunk = PAGE_SIZE - ((src + n) & ~PAGE_MASK);

		if (chunk > max - n)
			chunk = max - n;
		if (!user_ok(src + n, chunk, 0))
			return -EFAULT;
		for (u32 i = 0; i < chunk; i++, n++)
			if (!((const char *)src)[n])
				return (long)n + 1;
	}
	return -ENAMETOOLONG;
}

long strncpy_from_user(char *dst, u32 src, u32 size)
{
	long n = strnlen_user(src, size);

	if (n < 0)
		return n;
	memcpy(dst, (const void *)src, (u32)n - 1);
	dst[n - 1] = '\0';	/* whatever the string became meanwhile */
	return n - 1;
}
