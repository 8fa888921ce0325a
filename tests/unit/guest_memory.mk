UNITS += guest_memory
UNIT_SRCS_guest_memory := host/core/guest_memory.c
