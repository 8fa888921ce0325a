UNITS += hypercalls
UNIT_SRCS_hypercalls := host/core/hypercalls.c host/core/guest_memory.c lib/format.c
