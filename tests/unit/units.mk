# The unit tests.  Each tests/unit/NAME.c has a tests/unit/NAME.mk beside
# it that names the sources it is built with:
#   UNITS += NAME
#   UNIT_SRCS_NAME := the .c files under test
UNITS :=
include $(filter-out tests/unit/units.mk,$(wildcard tests/unit/*.mk))
