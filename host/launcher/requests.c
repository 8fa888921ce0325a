/*
 * The lguest command's requests to the Host, on the serial line's input
 * (include/lguest/console.h): read on the Host's tick, acted on by the
 * scheduler (launcher.c), outside the interrupt.  A line is at most
 * LGUEST_REQUEST_MAX bytes; a longer one, or one the Host does not know,
 * is dropped without a word: a request sent while the Host boots may lose
 * its start when uart_init() empties the FIFO, and lguest asks again.
 * Each tick reads at most what the UART's FIFO holds twice over, so no
 * sender keeps the Host in its tick.
 */
#include <lguest/console.h>
#include "../core/lg.h"
#include "kstring.h"
#include "requests.h"
#include "uart.h"

#define READ_PER_TICK 32

static char line[LGUEST_REQUEST_MAX];
static u32 line_len;
static int line_too_long;

/* What the requests so far ask: read and cleared with interrupts off. */
static int state_wanted;
static u32 kills_wanted;

static void take(const char *s, u32 n)
{
	if (n == 5 && !memcmp(s, "state", 5))
		state_wanted = 1;
	else if (n == 6 && !memcmp(s, "kill ", 5) && s[5] >= '0' &&
		 s[5] < '0' + LGUEST_MAX_GUESTS)
		kills_wanted |= 1u << (s[5] - '0');
}

void requests_poll(void)
{
	for (unsigned i = 0; i < READ_PER_TICK; i++) {
		int c = uart_read();

		if (c < 0)
			return;
		if (c != '\n') {
			if (line_len < sizeof(line))
				line[line_len++] = (char)c;
			else
				line_too_long = 1;
			continue;
		}
		if (!line_too_long)
			take(line, line_len);
		line_len = 0;
		line_too_long = 0;
	}
}

int requests_state_wanted(void)
{
	int wanted = state_wanted;

	state_wanted = 0;
	return wanted;
}

u32 requests_kills(void)
{
	u32 kills = kills_wanted;

	kills_wanted = 0;
	return kills;
}
