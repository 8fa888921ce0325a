/* The Host testing its own drivers: hosttest.c. */
#ifndef HOST_HOSTTEST_H
#define HOST_HOSTTEST_H

struct lguest;

void run_hosttest(const char *name) __attribute__((noreturn));

/* The self-tests that need a booted Guest: 1 if name is one.  The launcher
 * boots the Guest as usual and calls hosttest_guest_booted() before it
 * runs; the run then ends as any Guest's does. */
int hosttest_needs_guest(const char *name);
void hosttest_guest_booted(const char *name, struct lguest *lg);

#endif
