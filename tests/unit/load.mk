UNITS += load
UNIT_SRCS_load := host/launcher/load.c lib/elf.c lib/format.c
