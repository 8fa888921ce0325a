UNITS += elf
UNIT_SRCS_elf := lib/elf.c
