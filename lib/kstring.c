/* The freestanding kernels' memory and string functions (see kstring.h).
 * gcc may also call memcpy and memset itself, for structure copies.
 *
 * memcpy and memset move four bytes a step ("rep movsl", "rep stosl"),
 * then the odd bytes: under QEMU every step of a "rep" is an instruction,
 * and a boot copies and clears hundreds of kilobytes (the Guest's image,
 * its initrd, its .bss). */
#include "kstring.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t words = n / 4, bytes = n % 4;

	asm volatile("rep movsl\n\tmovl %3, %%ecx\n\trep movsb"
		     : "+D"(dst), "+S"(src), "+c"(words) : "r"(bytes) : "memory");
	return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	size_t words = n / 4, bytes = n % 4;
	unsigned int pattern = (unsigned char)c * 0x01010101u;

	asm volatile("rep stosl\n\tmovl %3, %%ecx\n\trep stosb"
		     : "+D"(dst), "+c"(words) : "a"(pattern), "r"(bytes) : "memory");
	return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
