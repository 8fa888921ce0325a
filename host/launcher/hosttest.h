/* The Host testing its own drivers: hosttest.c. */
#ifndef HOST_HOSTTEST_H
#define HOST_HOSTTEST_H

void run_hosttest(const char *name) __attribute__((noreturn));

#endif
