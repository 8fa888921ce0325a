/*
 * Guest memory, as the Host touches it.  Every address a Guest hands us is
 * Guest-physical, and every one is checked here against the Guest's size
 * before it becomes a pointer: the sum is done without wrapping, so no
 * (address, length) pair can reach past the end of Guest RAM.
 */
#include "lg.h"

int lguest_address_ok(const struct lguest *lg, u32 gpa, u32 len)
{
	return gpa < lg->mem_size && len <= lg->mem_size - gpa;
}

void *guest_ptr(struct lguest *lg, u32 gpa, u32 len)
{
	if (!lguest_address_ok(lg, gpa, len))
		return NULL;
	return lg->mem + gpa;
}
