# lguest: the Host kernel, the Guest kernel, the lguest command, and tests.
#
#   make         build everything into build/
#   make run     boot the default Guest on the Host
#   make check   every test; the last line says "N passed, N failed"
#   make bench   the numbers, each against its baseline
#   make check-fresh   the two commands above (run, check) on a fresh
#                Debian 12 root, set-up and all (slow; not part of check)

BUILD    := build
# "make V=1" shows every command.
Q        := $(if $(V),,@)
CC       := gcc
LD       := ld

# Freestanding i386 code (both kernels): no host headers but the compiler's
# own (stdint.h, stddef.h, stdarg.h), no libc, no SSE (the kernels own the
# FPU state), no stack protector (there is no runtime behind it).
KCFLAGS  := -m32 -march=i686 -std=gnu11 -O2 -g -ffreestanding -fno-builtin \
            -nostdinc -isystem $(shell $(CC) -m32 -print-file-name=include 2>/dev/null) \
            -fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
            -fno-omit-frame-pointer -mno-sse -mno-mmx -mno-80387 -mno-red-zone \
            -Wall -Wextra -Werror -Wno-unused-parameter -Iinclude -Ilib -MMD -MP
KASFLAGS := -m32 -nostdinc -Iinclude -Ilib -MMD -MP -Wa,--noexecstack
KLDFLAGS := -m elf_i386 -nostdlib --no-warn-rwx-segments -z noexecstack
LIBGCC32 := $(shell $(CC) -m32 -print-libgcc-file-name 2>/dev/null)

# The machine's set-up comes before anything else: make remakes an
# included makefile first and then starts again, so what tools/setup
# installs (gcc-multilib's libgcc above, for one) is what this run sees.
# The stamp says it passed; a changed tools/setup runs it again, as does
# make clean.  It also fetches Debian's busybox-static:i386 into the cache.
CACHE := $(BUILD)/cache
ifneq ($(filter-out clean check-fresh,$(or $(MAKECMDGOALS),all)),)
include $(BUILD)/setup.mk
endif
$(BUILD)/setup.mk: tools/setup
	$(Q)tools/setup --deb-cache $(CACHE)
	@mkdir -p $(dir $@)
	$(Q)echo "# tools/setup passed" >$@

# Native code: the lguest command and the unit tests.
NCFLAGS  := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
            -Iinclude -Ilib -MMD -MP
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer

LIB_SRCS    := $(wildcard lib/*.c)
HOST_SRCS   := $(wildcard host/machine/*.[cS] host/core/*.[cS] host/launcher/*.[cS]) $(LIB_SRCS)
GUEST_SRCS  := $(wildcard guest/*/*.[cS]) $(LIB_SRCS)
CLI_SRCS    := $(wildcard tools/lguest/*.c) lib/elf.c lib/console_escape.c

HOST_OBJS   := $(patsubst %,$(BUILD)/host/%.o,$(HOST_SRCS))
GUEST_OBJS  := $(patsubst %,$(BUILD)/guest/%.o,$(GUEST_SRCS))
CLI_OBJS    := $(patsubst %,$(BUILD)/cli/%.o,$(CLI_SRCS))

.DEFAULT_GOAL := all

# The Guest's test programs: ordinary static Linux i386 executables, built
# against user/lib, and packed into an initramfs (cpio newc), some under two names
# (tests run two of them side by side).
USER_PROGS  := hello memory tls yield spin fpu segv bench first nothing readline family signals limits poll cow enosys execargs
USER_LIB    := user/lib/libc.c
UCFLAGS     := -m32 -march=i686 -std=gnu11 -O2 -ffreestanding -fno-builtin -nostdlib \
               -static -fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
               -Wall -Wextra -Werror -Wno-unused-parameter -Wl,--build-id=none \
               -Wl,-Ttext-segment=0x08048000 -Wl,-z,noexecstack
INITRD_NAMES := hello memory tls spin segv first nothing readline family signals limits poll cow enosys execargs yield-a:yield yield-b:yield fpu-a:fpu fpu-b:fpu \
                spin-a:spin spin-b:spin bench-syscall:bench bench-fault:bench \
                bench-yield-a:bench bench-yield-b:bench
$(BUILD)/user/%: user/%.c $(USER_LIB) user/lib/user.h
	@mkdir -p $(dir $@)
	@echo "  CC [user]  $@"
	$(Q)$(CC) $(UCFLAGS) -o $@ $< $(USER_LIB)
# Scripts the programs run (user/NAME, copied as they are).
USER_SCRIPTS := shebang
$(BUILD)/initrd.cpio: $(patsubst %,$(BUILD)/user/%,$(USER_PROGS)) $(patsubst %,user/%,$(USER_SCRIPTS))
	@echo "  CPIO       $@"
	$(Q)rm -rf $(BUILD)/initrd && mkdir -p $(BUILD)/initrd
	$(Q)for e in $(INITRD_NAMES); do cp $(BUILD)/user/$${e#*:} $(BUILD)/initrd/$${e%%:*}; done
	$(Q)for s in $(USER_SCRIPTS); do cp user/$$s $(BUILD)/initrd/$$s; done
	$(Q)cd $(BUILD)/initrd && ls | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet >../initrd.cpio

# The Guest's root file system, for when its kernel runs Linux programs
# from an initramfs: Debian's busybox-static:i386 as it comes, with a link
# for each applet and user/rootfs/init (tools/mkrootfs).
BUSYBOX_DEB := $(CACHE)/busybox-static_i386.deb
$(BUSYBOX_DEB):
	$(Q)tools/setup --deb-cache $(CACHE)
$(BUILD)/rootfs.cpio.gz: $(BUSYBOX_DEB) user/rootfs/init tools/mkrootfs
	@echo "  CPIO       $@"
	$(Q)tools/mkrootfs $(BUSYBOX_DEB) user/rootfs/init $@
# The same archive uncompressed, which the lguest command boots by default:
# unpacking 1 MiB of gzip costs the Guest some 50 ms, a third of its boot.
$(BUILD)/rootfs.cpio: $(BUILD)/rootfs.cpio.gz
	$(Q)gzip -dc $< >$@.tmp && mv $@.tmp $@

.PHONY: all run check check-unit check-boot check-cli check-hostile check-busybox chaos check-fresh bench clean fuzz
all: $(BUILD)/host.elf $(BUILD)/guest.elf $(BUILD)/lguest $(BUILD)/initrd.cpio $(BUILD)/rootfs.cpio.gz \
     $(BUILD)/rootfs.cpio

# The Host kernel: linked at 1 MiB (QEMU puts multiboot modules right after
# it), with the Switcher's code linked at its run address 0xFFC00000.
$(BUILD)/host.elf: $(HOST_OBJS) host/host.ld
	$(LD) $(KLDFLAGS) -T host/host.ld -o $@ $(HOST_OBJS) $(LIBGCC32)

# The Guest kernel: linked in the upper gigabyte, loaded at 1 MiB physical.
# First, every call of an op that has a patch site must be that site.
$(BUILD)/guest.elf: $(GUEST_OBJS) guest/boot/guest.ld tools/check-pv-sites
	$(Q)tools/check-pv-sites guest
	$(LD) $(KLDFLAGS) -T guest/boot/guest.ld -o $@ $(GUEST_OBJS) $(LIBGCC32)

$(BUILD)/lguest: $(CLI_OBJS)
	@echo "  LD [cli]   $@"
	$(Q)$(CC) -o $@ $(CLI_OBJS)

# lguest --version: "git describe" of the tree it was built from ("unknown"
# outside a git clone).  version.h is rewritten only when that changes, so
# only then is version.c compiled again.
LGUEST_VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
$(BUILD)/cli/version.h: FORCE
	@mkdir -p $(dir $@)
	$(Q)echo '#define LGUEST_VERSION "$(LGUEST_VERSION)"' >$@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/cli/tools/lguest/version.c.o: $(BUILD)/cli/version.h
$(BUILD)/cli/tools/lguest/version.c.o: NCFLAGS += -I$(BUILD)/cli
.PHONY: FORCE
FORCE:

$(BUILD)/host/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC [host]  $<"
	$(Q)$(CC) $(KCFLAGS) -DLGUEST_HOST -c $< -o $@
$(BUILD)/host/%.S.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS [host]  $<"
	$(Q)$(CC) $(KASFLAGS) -DLGUEST_HOST -c $< -o $@
$(BUILD)/guest/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC [guest] $<"
	$(Q)$(CC) $(KCFLAGS) -Iguest -DLGUEST_GUEST -c $< -o $@
$(BUILD)/guest/%.S.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS [guest] $<"
	$(Q)$(CC) $(KASFLAGS) -Iguest -DLGUEST_GUEST -c $< -o $@
$(BUILD)/cli/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC [cli]   $<"
	$(Q)$(CC) $(NCFLAGS) -D_GNU_SOURCE -c $< -o $@

# Unit tests: each tests/unit/NAME.c is a program, built natively with the
# Host logic it tests (listed in tests/unit/units.mk) under ASan and UBSan.
include tests/unit/units.mk
UNIT_BINS := $(patsubst %,$(BUILD)/unit/%,$(UNITS))
# Each also depends on its sources under test and on the ABI's headers
# (gcc's one .d file for a many-source build names only the last one's
# headers).
ABI_HEADERS := $(wildcard include/lguest/*.h)
.SECONDEXPANSION:
$(BUILD)/unit/%: tests/unit/%.c tests/unit/check.h $$(UNIT_SRCS_$$*) $(ABI_HEADERS)
	@mkdir -p $(dir $@)
	@echo "  CC [unit]  $@"
	$(Q)$(CC) $(NCFLAGS) $(SANITIZE) $(UNIT_CFLAGS_$*) -DLGUEST_UNIT_TEST -o $@ $< $(UNIT_SRCS_$*)

# Fuzz targets: each tests/fuzz/NAME.c is a libFuzzer target built with
# clang against the sources listed here; "make check" runs each for
# FUZZ_SECONDS.
FUZZ_SECONDS ?= 15
FUZZERS := virtqueue tty_ldisc inflate initramfs hypercalls descriptors decode
FUZZ_SRCS_virtqueue := host/launcher/virtqueue.c
FUZZ_SRCS_tty_ldisc := guest/drivers/tty_ldisc.c
FUZZ_CFLAGS_tty_ldisc := -Iguest
FUZZ_SRCS_inflate := lib/inflate.c
FUZZ_SRCS_initramfs := lib/initramfs.c lib/cpio.c lib/inflate.c
FUZZ_SRCS_hypercalls := host/core/hypercalls.c host/core/segments.c host/core/trap_setup.c \
	host/core/guest_memory.c lib/format.c tests/unit/kill_guest_stub.c
FUZZ_SRCS_descriptors := host/core/segments.c host/core/trap_setup.c host/core/guest_memory.c \
	tests/unit/kill_guest_stub.c
FUZZ_SRCS_decode := host/core/decode.c host/core/mmio_decode.c host/core/emulate.c \
	host/core/segments.c host/core/guest_memory.c tests/unit/kill_guest_stub.c
FUZZ_BINS := $(patsubst %,$(BUILD)/fuzz/%,$(FUZZERS))
$(BUILD)/fuzz/%: tests/fuzz/%.c $$(FUZZ_SRCS_$$*) $(ABI_HEADERS)
	@mkdir -p $(dir $@)
	@echo "  CC [fuzz]  $@"
	$(Q)clang -std=gnu11 -O1 -g -Wall -Wextra -Werror -Iinclude -Ilib $(FUZZ_CFLAGS_$*) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ $< $(FUZZ_SRCS_$*)
fuzz: $(FUZZ_BINS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run fuzz

run: all
	$(BUILD)/lguest run

check: all $(UNIT_BINS) $(FUZZ_BINS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run unit fuzz boot cli hostile busybox
check-unit: $(UNIT_BINS)
	@tests/run unit
check-boot: all
	@tests/run boot
check-cli: all
	@tests/run cli
check-hostile: all
	@tests/run hostile
check-busybox: all
	@tests/run busybox
# The chaos Guest on SEEDS seeds from FIRST (tools/chaos).
SEEDS ?= 200
FIRST ?= 1
chaos: all
	@tools/chaos $(SEEDS) $(FIRST)
# A fresh Debian 12 root, a clean clone of HEAD in it, and the README's
# two commands run there as a new user would (tools/check-fresh).
check-fresh:
	@tools/check-fresh

# The baseline kernel for the start-up benchmark.
$(BUILD)/bench/exit.elf: bench/exit_kernel.S
	@mkdir -p $(dir $@)
	@echo "  AS [bench] $<"
	$(Q)$(CC) $(KASFLAGS) -c $< -o $(BUILD)/bench/exit.o
	$(Q)$(LD) $(KLDFLAGS) -Ttext=0x100000 -e _start -o $@ $(BUILD)/bench/exit.o

bench: all $(BUILD)/bench/exit.elf
	@BUILD=$(BUILD) bench/run

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
