UNITS += rootfs
UNIT_SRCS_rootfs := guest/fs/rootfs.c guest/fs/vfs.c guest/fs/ramfs.c guest/fs/pipe.c \
		    guest/fs/devfs.c guest/fs/file.c tests/unit/vfs_kernel_stub.c \
		    lib/initramfs.c lib/cpio.c lib/inflate.c
UNIT_CFLAGS_rootfs := -Iguest -Ilib
