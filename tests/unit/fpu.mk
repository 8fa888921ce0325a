UNITS += fpu
UNIT_SRCS_fpu := tests/unit/kill_guest_stub.c host/core/fpu.c
