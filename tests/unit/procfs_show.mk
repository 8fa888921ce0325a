UNITS += procfs_show
UNIT_SRCS_procfs_show := guest/fs/procfs_show.c lib/format.c
UNIT_CFLAGS_procfs_show := -Iguest
