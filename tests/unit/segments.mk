UNITS += segments
UNIT_SRCS_segments := host/core/segments.c host/core/guest_memory.c
