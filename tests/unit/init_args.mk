UNITS += init_args
UNIT_SRCS_init_args := guest/boot/init_args.c
UNIT_CFLAGS_init_args := -Iguest
