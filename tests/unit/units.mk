# The unit tests.  Each tests/unit/NAME.c has a tests/unit/NAME.mk beside
# it that names the sources it is built with:
#   UNITS += NAME
#   UNIT_SRCS_NAME := the .c files under test
#   UNIT_CFLAGS_NAME := extra flags, if any (-m32 for code that keeps Host
#                       addresses in 32-bit page-table entries)
UNITS :=
include $(filter-out tests/unit/units.mk,$(wildcard tests/unit/*.mk))
