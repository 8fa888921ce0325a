UNITS += initramfs
UNIT_SRCS_initramfs := lib/initramfs.c lib/cpio.c lib/inflate.c
UNIT_CFLAGS_initramfs = $(FIXTURES_CFLAGS)
$(BUILD)/unit/initramfs: tests/unit/cpio_log.h tests/unit/fixture.h \
	$(addprefix $(BUILD)/fixtures/,tree.cpio tree.cpio.9.gz small.cpio small.cpio.1.gz \
	small2.cpio.6.gz junk.cpio.6.gz)
