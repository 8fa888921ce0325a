UNITS += trap_setup
UNIT_SRCS_trap_setup := tests/unit/kill_guest_stub.c host/core/trap_setup.c
