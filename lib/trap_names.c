/* What each x86 exception is called: trap_names.h. */
#include "trap_names.h"

static const char *const names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection fault",
	"page fault", "reserved trap 15", "x87 floating-point error",
	"alignment check", "machine check", "SIMD floating-point error",
	"virtualization exception", "control protection exception",
};

const char *trap_name(unsigned vector)
{
	if (vector < 32 && names[vector])
		return names[vector];
	if (vector < 32)
		return "reserved trap";
	return "interrupt";
}
