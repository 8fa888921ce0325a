/* lib/format.c: the kernels' printf. */
#include "check.h"
#include "format.h"
#include <string.h>

static char buf[64];

#define F(want, ...)                                                       \
	do {                                                               \
		int n = format(buf, sizeof(buf), __VA_ARGS__);             \
		CHECK(!strcmp(buf, want) && n == (int)strlen(want),        \
		      "format %s gives \"%s\" (got \"%s\")", #__VA_ARGS__, want, buf); \
	} while (0)

int main(void)
{
	F("42", "%d", 42);
	F("-42", "%d", -42);
	F("-2147483648", "%d", (int)0x80000000);
	F("4294967295", "%u", 0xFFFFFFFFu);
	F("ff FF", "%x %X", 255, 255);
	F("0x0000beef", "0x%08x", 0xbeef);
	F("   7|7   |", "%4d|%-4d|", 7, 7);
	F("-007", "%04d", -7);
	F("18446744073709551615", "%llu", 0xFFFFFFFFFFFFFFFFull);
	F("-9", "%lld", -9ll);
	F("abc", "%s", "abc");
	F("ab", "%.2s", "abc");
	F("ab", "%.*s", 2, "abcdef");
	const char *volatile null = NULL, *unknown = "%q";
	F("(null)", "%s", null);
	F("  hi", "%4s", "hi");
	F("x%y", "x%%y");
	F("c", "%c", 'c');
	F("%q", unknown, 0);

	/* Truncation is reported, never silent. */
	char small[5];
	int n = format(small, sizeof(small), "%s", "abcdefgh");
	CHECK(n == 8 && !strcmp(small, "abcd"), "a cut output says how long it wanted to be");
	n = format(small, 0, "%d", 12345);
	CHECK(n == 5, "size 0 writes nothing and counts");
	return check_done();
}
