UNITS += tty_ldisc
UNIT_SRCS_tty_ldisc := guest/drivers/tty_ldisc.c
UNIT_CFLAGS_tty_ldisc := -Iguest
