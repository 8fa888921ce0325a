# The unit tests, and the sources each one is built with.  Add a test as
#   UNITS += NAME
#   UNIT_SRCS_NAME := the .c files under test
UNITS :=
