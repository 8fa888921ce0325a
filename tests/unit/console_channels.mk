UNITS += console_channels
UNIT_SRCS_console_channels := tools/lguest/console_input.c lib/console_escape.c tools/lguest/serial_view.c
