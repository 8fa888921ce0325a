UNITS += vfs
UNIT_SRCS_vfs := guest/fs/vfs.c guest/fs/ramfs.c guest/fs/pipe.c guest/fs/devfs.c \
		 guest/fs/file.c tests/unit/vfs_kernel_stub.c
UNIT_CFLAGS_vfs := -Iguest
