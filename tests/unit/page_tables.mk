UNITS += page_tables
UNIT_SRCS_page_tables := host/core/page_tables_walk.c host/core/guest_memory.c \
                         host/launcher/load.c lib/elf.c lib/format.c
