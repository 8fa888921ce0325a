UNITS += hypercalls
UNIT_SRCS_hypercalls := tests/unit/kill_guest_stub.c host/core/hypercalls.c host/core/guest_memory.c lib/format.c
