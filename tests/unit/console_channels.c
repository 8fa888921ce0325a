/* tools/lguest's console channels: the input the Guest's console gets
 * (console_input.c), and the serial line's records as shown on stderr
 * (serial_view.c). */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "../../tools/lguest/lguest.h"

static unsigned char out[64];
static unsigned events;

/* The input's bytes as the Guest gets them. */
static int input_is(struct console_input *ci, const char *in, size_t n,
		    const char *want, size_t want_len)
{
	size_t len = console_input(ci, (const unsigned char *)in, n, out, &events);

	return len == want_len && !memcmp(out, want, len);
}

static char shown[4 * SERIAL_VIEW_LINE_MAX];
static size_t shown_len;

static void show(const char *s, size_t len)
{
	if (shown_len + len >= sizeof(shown)) {
		fprintf(stderr, "show: %zu bytes more than the test's buffer holds\n", len);
		exit(1);
	}
	memcpy(shown + shown_len, s, len);
	shown_len += len;
	shown[shown_len] = '\0';
}

static const char *view(const char *line)
{
	static char o[SERIAL_VIEW_OUT_MAX];

	o[serial_view_line(line, strlen(line), 0, o)] = '\0';
	return o;
}

int main(void)
{
	struct console_input pipe = { 0 }, tty = { .interactive = 1 };

	/* Piped input is data: Ctrl-A too; 0xFF is doubled. */
	CHECK(input_is(&pipe, "ab\001xcd\n", 7, "ab\001xcd\n", 7) && !events,
	      "piped Ctrl-A x is passed on");
	CHECK(input_is(&pipe, "\xff", 1, "\xff\xff", 2), "0xFF is sent as 0xFF 0xFF");
	CHECK(input_is(&pipe, "a\0b", 3, "a\0b", 3), "a NUL byte passes");
	CHECK(console_input_end(out) == 2 && out[0] == 0xFF && out[1] == 0x00,
	      "the end of input is 0xFF 0x00");

	/* On a terminal, Ctrl-A is lguest's. */
	CHECK(input_is(&tty, "a\001xb", 4, "a", 1) && events == CONSOLE_QUIT,
	      "Ctrl-A x quits, and what follows it is not sent");
	tty.after_ctrl_a = 0;
	CHECK(input_is(&tty, "\001\001", 2, "\001", 1) && !events,
	      "Ctrl-A Ctrl-A sends one Ctrl-A");
	CHECK(input_is(&tty, "\001", 1, "", 0) && input_is(&tty, "x", 1, "", 0) &&
	      events == CONSOLE_QUIT, "Ctrl-A and x in two reads still quit");
	tty.after_ctrl_a = 0;
	CHECK(input_is(&tty, "\001cz", 3, "z", 1) && events == CONSOLE_HELP,
	      "Ctrl-A c asks for help, eats nothing else");
	CHECK(input_is(&tty, "\001q", 2, "\001q", 2) && !events,
	      "Ctrl-A and another key are both sent");
	CHECK(input_is(&tty, "\xff", 1, "\xff\xff", 2), "0xFF is doubled on a terminal too");

	/* The serial line: the Host's lines are its word, all else the Guest's. */
	CHECK(!strcmp(view("lguest: Guest crashed: x"), "lguest: Guest crashed: x\n"),
	      "a Host line is shown as it is");
	CHECK(!strcmp(view("guest: hello"), "guest: hello\n"), "a Guest line is shown as it is");
	CHECK(!strcmp(view("hi"), "guest: hi\n"), "an unmarked line is the Guest's");
	CHECK(!strcmp(view("lguest:Host panic"), "guest: lguest:Host panic\n"),
	      "the Host's mark is exact");
	CHECK(!strcmp(view("guest: a\rlguest: Host panic\033[2K"),
		      "guest: a^Mlguest: Host panic^[[2K\n"),
	      "control characters cannot move back over a mark");
	CHECK(!strcmp(view("guest: crlf\r"), "guest: crlf\n"), "CR LF ends a line");
	CHECK(!strcmp(view("guest2: hi"), "guest2: hi\n"), "another Guest's line keeps its mark");
	CHECK(!strcmp(view("guest0: hi"), "guest: guest0: hi\n") &&
	      !strcmp(view("guest12: hi"), "guest: guest12: hi\n"),
	      "only guest1: to guest9: mark another Guest");

	struct serial_view v = { 0 };
	serial_view_feed(&v, "lguest: one\nguest: tw", 21, show);
	serial_view_feed(&v, "o\nthree", 7, show);
	serial_view_end(&v, show);
	CHECK(!strcmp(shown, "lguest: one\nguest: two\nguest: three\n"),
	      "lines are joined across reads, and the last one shown at the end");

	char *long_line = malloc(SERIAL_VIEW_LINE_MAX + 20);
	memset(long_line, 'x', SERIAL_VIEW_LINE_MAX + 20);
	memcpy(long_line, "lguest: ", 8);
	memcpy(long_line + SERIAL_VIEW_LINE_MAX, "lguest: fake\n", 13);
	shown_len = 0;
	serial_view_feed(&v, long_line, SERIAL_VIEW_LINE_MAX + 13, show);
	CHECK(strstr(shown, "\nguest: lguest: fake\n") != NULL,
	      "what follows a line cut at its size is never the Host's");
	free(long_line);

	/* The machine's record of a status over 99 is kept, not shown; one
	 * that is not exactly such a record is an ordinary line. */
	struct serial_view rec = { 0 };
	const char *records = "lguest: exit status 200\nlguest: exit status 99\n"
			      "lguest: exit status 256\nguest: lguest: exit status 150\n"
			      "lguest: exit status 12x\n";
	shown_len = 0;
	shown[0] = '\0';
	serial_view_feed(&rec, records, strlen(records), show);
	CHECK(rec.has_exit_status && rec.exit_status == 200, "an exit status record is kept (%d)",
	      rec.exit_status);
	CHECK(!strstr(shown, "status 200") && strstr(shown, "lguest: exit status 99\n") &&
	      strstr(shown, "lguest: exit status 256\n") && strstr(shown, "status 150\n") &&
	      strstr(shown, "lguest: exit status 12x\n"),
	      "only a record of a status from 100 to 255 is taken from the lines shown");

	return check_done();
}
