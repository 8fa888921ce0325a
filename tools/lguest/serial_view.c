/*
 * The serial line's records (include/lguest/console.h), as the user sees
 * them on stderr.  A line the Host marked as its own is its word, shown as
 * it is; every other line is the Guest's, shown with the Guest's mark
 * (added if the line lacks it: a kernel that does not keep to the records
 * is the Guest speaking too).  Control characters are shown as ^X, as
 * cat -v does, so no line can move the cursor back over its own mark.
 */
#include <string.h>
#include <lguest/console.h>
#include <lguest/exit_status.h>
#include "lguest.h"

#define HOST_MARK	LGUEST_SERIAL_HOST
#define GUEST_MARK	LGUEST_SERIAL_GUEST

static int starts_with(const char *line, size_t n, const char *mark)
{
	size_t m = strlen(mark);

	return n >= m && !memcmp(line, mark, m);
}

/* Another Guest's line, "guestN: " with N from 1 to 9 (lib/serial_log.c). */
static int other_guests(const char *line, size_t n)
{
	return n >= 8 && !memcmp(line, "guest", 5) && line[5] >= '1' &&
	       line[5] <= '9' && !memcmp(line + 6, ": ", 2);
}

size_t serial_view_line(const char *line, size_t n, int rest_of_line, char *out)
{
	size_t len = 0;

	/* A line ending in CR LF is an ordinary line. */
	if (n && line[n - 1] == '\r')
		n--;
	if (rest_of_line || (!starts_with(line, n, HOST_MARK) &&
			     !starts_with(line, n, GUEST_MARK) && !other_guests(line, n))) {
		memcpy(out, GUEST_MARK, strlen(GUEST_MARK));
		len = strlen(GUEST_MARK);
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c == 0x7F) {
			out[len++] = '^';
			out[len++] = '?';
		} else if (c < 0x20 && c != '\t') {
			out[len++] = '^';
			out[len++] = (char)(c + '@');
		} else {
			out[len++] = (char)c;
		}
	}
	out[len++] = '\n';
	return len;
}

/* The machine's exit status record, "lguest: exit status N" with N from
 * LGUEST_PORT_STATUS_MAX + 1 to LGUEST_STATUS_MAX: kept, not shown. */
static int exit_record(struct serial_view *v)
{
	static const char record[] = HOST_MARK LGUEST_EXIT_RECORD;
	size_t m = sizeof(record) - 1, n = v->len;
	int status = 0;

	if (v->rest_of_line || n <= m || n > m + 3 || memcmp(v->line, record, m))
		return 0;
	for (size_t i = m; i < n; i++) {
		if (v->line[i] < '0' || v->line[i] > '9')
			return 0;
		status = status * 10 + (v->line[i] - '0');
	}
	if (status <= LGUEST_PORT_STATUS_MAX || status > LGUEST_STATUS_MAX)
		return 0;
	v->exit_status = status;
	v->has_exit_status = 1;
	return 1;
}

void serial_view_feed(struct serial_view *v, const char *buf, size_t n,
		      void (*show)(const char *s, size_t len))
{
	static char out[SERIAL_VIEW_OUT_MAX];

	for (size_t i = 0; i < n; i++) {
		if (buf[i] != '\n') {
			v->line[v->len++] = buf[i];
			if (v->len < sizeof(v->line))
				continue;
		}
		/* A whole line, or as much of one as we hold: what follows
		 * a cut is never a line of the Host's. */
		if (buf[i] != '\n' || !exit_record(v))
			show(out, serial_view_line(v->line, v->len, v->rest_of_line, out));
		v->rest_of_line = buf[i] != '\n';
		v->len = 0;
	}
}

void serial_view_end(struct serial_view *v, void (*show)(const char *s, size_t len))
{
	static char out[SERIAL_VIEW_OUT_MAX];

	if (v->len)
		show(out, serial_view_line(v->line, v->len, v->rest_of_line, out));
	v->len = 0;
	v->rest_of_line = 0;
}
