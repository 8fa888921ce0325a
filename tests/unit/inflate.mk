UNITS += inflate
UNIT_SRCS_inflate := lib/inflate.c
UNIT_CFLAGS_inflate = $(FIXTURES_CFLAGS)
$(BUILD)/unit/inflate: $(addprefix $(BUILD)/fixtures/,data.1.gz data.6.gz data.9.gz \
	data.1.gz.zcat data.6.gz.zcat data.9.gz.zcat random random.6.gz hello hello.9.gz \
	empty.9.gz text.9.gz)
