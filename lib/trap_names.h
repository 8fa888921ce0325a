/* What each x86 exception is called, for messages in both kernels. */
#ifndef LGUEST_TRAP_NAMES_H
#define LGUEST_TRAP_NAMES_H

/* "page fault", "general protection fault", ...; "interrupt" from 32 up. */
const char *trap_name(unsigned vector);

#endif
