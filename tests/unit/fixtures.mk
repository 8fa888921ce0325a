# Fixtures for the inflate, cpio and initramfs unit tests, made at build
# time by the system's gzip and GNU cpio (Linux's own tools are the
# oracle).  The tests find them through FIXTURES (an absolute path).
FIX := $(BUILD)/fixtures
FIXTURES_CFLAGS := -DFIXTURES='"$(abspath $(FIX))"'

# A few MiB of varied data: this repository's text, then programs (cat
# is cut off by head: its complaint is noise).
$(FIX)/data:
	@mkdir -p $(dir $@)
	@echo "  GEN        $@"
	$(Q)(cat $(sort $(wildcard lib/*.[ch] host/*/*.[ch] guest/*/*.[ch] docs/*.md)); \
	  find /usr/bin -maxdepth 1 -type f -size -3M | LC_ALL=C sort | head -n 60 | xargs cat 2>/dev/null) \
	  | head -c 4000000 > $@
# Some KiB of it, small enough to damage at every bit.
$(FIX)/text: $(FIX)/data
	$(Q)head -c 6000 $< > $@
# Incompressible: gzip stores it (stored blocks).
$(FIX)/random:
	@mkdir -p $(dir $@)
	$(Q)head -c 100000 /dev/urandom > $@
# Short: gzip codes it with the fixed code.
$(FIX)/hello:
	@mkdir -p $(dir $@)
	$(Q)printf 'hello, hello, hello world\n' > $@
$(FIX)/empty:
	@mkdir -p $(dir $@)
	$(Q): > $@

$(FIX)/%.1.gz: $(FIX)/%
	$(Q)gzip -n -1 -c $< > $@
$(FIX)/%.6.gz: $(FIX)/%
	$(Q)gzip -n -6 -c $< > $@
$(FIX)/%.9.gz: $(FIX)/%
	$(Q)gzip -n -9 -c $< > $@
$(FIX)/%.zcat: $(FIX)/%
	$(Q)zcat $< > $@

# A tree with every kind of entry a Guest's initramfs has: directories,
# files (empty, odd-sized, large), a symlink, a hard link, a fifo.
$(FIX)/tree.cpio: $(FIX)/data
	@echo "  GEN        $@"
	$(Q)rm -rf $(FIX)/tree && mkdir -p $(FIX)/tree/dir/sub
	$(Q)printf 'hello\n' > $(FIX)/tree/dir/hello
	$(Q): > $(FIX)/tree/empty
	$(Q)head -c 70001 $(FIX)/data > $(FIX)/tree/big
	$(Q)printf x > "$(FIX)/tree/dir/sub/a longer name, with spaces"
	$(Q)ln -s dir/hello $(FIX)/tree/link
	$(Q)ln $(FIX)/tree/dir/hello $(FIX)/tree/dir/hardlink
	$(Q)mkfifo $(FIX)/tree/fifo
	$(Q)cd $(FIX)/tree && find . | LC_ALL=C sort | cpio -o -H newc --quiet > $(abspath $@)
# The same tree in the "crc" format (070702), and the old one Linux refuses.
$(FIX)/tree.crc.cpio: $(FIX)/tree.cpio
	$(Q)cd $(FIX)/tree && find . | LC_ALL=C sort | cpio -o -H crc --quiet > $(abspath $@)
$(FIX)/tree.odc.cpio: $(FIX)/tree.cpio
	$(Q)cd $(FIX)/tree && find . | LC_ALL=C sort | cpio -o -H odc --quiet > $(abspath $@)
# A second, small archive, for concatenations.
$(FIX)/small.cpio:
	@mkdir -p $(dir $@)
	$(Q)rm -rf $(FIX)/small && mkdir -p $(FIX)/small/etc
	$(Q)printf 'second archive\n' > $(FIX)/small/etc/two
	$(Q)cd $(FIX)/small && find etc | LC_ALL=C sort | cpio -o -H newc --quiet > $(abspath $@)
# Two archives in one stream, and one with junk after it.
$(FIX)/small2.cpio: $(FIX)/small.cpio
	$(Q)cat $< $< > $@
$(FIX)/junk.cpio: $(FIX)/small.cpio
	$(Q)(cat $<; printf junk) > $@
