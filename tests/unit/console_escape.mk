UNITS += console_escape
UNIT_SRCS_console_escape := lib/console_escape.c
