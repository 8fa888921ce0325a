UNITS += calibrate
UNIT_SRCS_calibrate := lib/calibrate.c
