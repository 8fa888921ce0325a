/* Times as system calls take them (Linux i386): the old 32-bit ones and
 * the time64 calls' ones. */
#ifndef GUEST_TIMESPEC_H
#define GUEST_TIMESPEC_H

#include <lguest/types.h>

struct timespec32 {
	s32 sec, nsec;
};

struct timespec64 {
	s64 sec, nsec;
};

struct timeval32 {
	s32 sec, usec;
};

#endif
