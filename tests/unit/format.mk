UNITS += format
UNIT_SRCS_format := lib/format.c
