UNITS += page_tables_shadow
UNIT_SRCS_page_tables_shadow := tests/unit/kill_guest_stub.c host/core/page_tables.c host/core/page_tables_walk.c \
                                host/core/guest_memory.c lib/format.c
# Shadow entries hold Host addresses in 32 bits, as on the Host.
UNIT_CFLAGS_page_tables_shadow := -m32
