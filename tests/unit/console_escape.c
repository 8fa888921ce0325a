/* lib/console_escape.c: the console input stream's 0xFF escapes. */
#include "check.h"
#include "console_escape.h"
#include <lguest/console.h>
#include <string.h>

/* Decode s (n bytes) cut into pieces at each of cuts[], which ascend. */
static size_t decode(const char *s, size_t n, const size_t *cuts, size_t ncuts,
		     u8 *out, struct console_unescape *st)
{
	u8 buf[64];
	size_t done = 0, from = 0;

	memset(st, 0, sizeof(*st));
	for (size_t c = 0; c <= ncuts; c++) {
		size_t to = c < ncuts ? cuts[c] : n;

		memcpy(buf, s + from, to - from);
		size_t got = console_unescape(st, buf, to - from);
		memcpy(out + done, buf, got);
		done += got;
		from = to;
	}
	return done;
}

int main(void)
{
	struct console_unescape st;
	u8 out[64];
	size_t n;

	n = decode("ab\xff\xff" "c", 5, NULL, 0, out, &st);
	CHECK(n == 4 && !memcmp(out, "ab\xff" "c", 4) && !st.ended, "ESC ESC is one 0xFF");
	n = decode("ab\xff\x02" "c", 5, NULL, 0, out, &st);
	CHECK(n == 3 && !memcmp(out, "abc", 3) && !st.ended && !st.poweroff,
	      "ESC and another byte are dropped");
	n = decode("ab\xff\x01" "c", 5, NULL, 0, out, &st);
	CHECK(n == 3 && !memcmp(out, "abc", 3) && !st.ended && st.poweroff,
	      "ESC 1 asks for a power-off, and is no data");
	n = decode("ab\xff\x00" "cd", 6, NULL, 0, out, &st);
	CHECK(n == 2 && !memcmp(out, "ab", 2) && st.ended, "ESC 0 ends the input; what follows is dropped");
	CHECK(console_unescape(&st, out, 3) == 0, "nothing comes after the end");
	{
		u8 c;
		int got = console_unescape_byte(&st, 0xFF, &c);

		got += console_unescape_byte(&st, 0x01, &c);
		got += console_unescape_byte(&st, 'x', &c);
		CHECK(got == 0 && st.poweroff, "ESC 1 after the end still asks for a power-off");
	}

	/* Every way of cutting "a ESC ESC b ESC 0" in two (the 0 is the
	 * string's own). */
	const char s[] = "a\xff\xff" "b\xff";
	for (size_t cut = 0; cut <= sizeof(s); cut++) {
		n = decode(s, sizeof(s), &cut, 1, out, &st);
		CHECK(n == 3 && !memcmp(out, "a\xff" "b", 3) && st.ended,
		      "an escape cut at byte %zu still decodes", cut);
	}

	/* Escaping then decoding gives back every byte value. */
	u8 all[256], esc[512];
	for (int i = 0; i < 256; i++)
		all[i] = (u8)i;
	size_t e = console_escape(all, 256, esc);
	memset(&st, 0, sizeof(st));
	n = console_unescape(&st, esc, e);
	CHECK(e == 257 && n == 256 && !memcmp(esc, all, 256) && !st.ended && !st.poweroff,
	      "escape then unescape is the identity");
	return check_done();
}
