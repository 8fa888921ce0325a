/* Making hypercalls (see include/lguest/hcall.h for the calls). */
#ifndef GUEST_HCALL_H
#define GUEST_HCALL_H

#include <lguest/hcall.h>

static inline unsigned long hcall(unsigned long call, unsigned long arg1,
				  unsigned long arg2, unsigned long arg3,
				  unsigned long arg4)
{
	asm volatile("int $%c[vec]"
		     : "+a"(call)
		     : "b"(arg1), "c"(arg2), "d"(arg3), "S"(arg4),
		       [vec] "i"(LGUEST_TRAP_ENTRY)
		     : "memory");
	return call;
}

#endif
