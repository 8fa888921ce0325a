UNITS += cpio
UNIT_SRCS_cpio := lib/cpio.c
UNIT_CFLAGS_cpio = $(FIXTURES_CFLAGS)
$(BUILD)/unit/cpio: tests/unit/cpio_log.h tests/unit/fixture.h \
	$(addprefix $(BUILD)/fixtures/,tree.cpio tree.crc.cpio tree.odc.cpio small.cpio)
