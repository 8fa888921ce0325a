UNITS += fpu
UNIT_SRCS_fpu := host/core/fpu.c
