UNITS += segments
UNIT_SRCS_segments := tests/unit/kill_guest_stub.c host/core/segments.c host/core/guest_memory.c
