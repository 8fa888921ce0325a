/* The lguest command's requests to the Host (requests.c). */
#ifndef HOST_REQUESTS_H
#define HOST_REQUESTS_H

#include <lguest/types.h>

/* On the Host's tick: read what has come on the serial line. */
void requests_poll(void);

/* With interrupts off: whether a "state" request came since the last
 * call, and which Guests "kill N" named (a bit each). */
int requests_state_wanted(void);
u32 requests_kills(void);

#endif
