#!/usr/bin/env bash
# --dry-run prints the exact QEMU command, ready to paste into a shell.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

host=$(cd build && pwd)/host.elf
lg_run --dry-run
expect dry-run-succeeds 0 '^/[^ ]*qemu-system-x86_64 -M microvm ' \
	'-device isa-debug-exit,iobase=0xf4,iosize=4' "-kernel $host " \
	'-append mem=67108864( |$)' "-initrd '?$(cd build && pwd)/guest.elf '?( |$)"
if grep -Eq -- '( -s | -S )' <<<"$out"; then fail dry-run-no-gdb "gdb flags without --gdb"; else pass dry-run-no-gdb; fi

printf 'initrd' >"$fx/my,initrd"
lg_run --dry-run --mem 128M --cmdline "test=hello a,b" --initrd "$fx/my,initrd" "$fx/exit7.elf"
expect dry-run-modules 0 "-initrd '$fx/exit7.elf test=hello a,,b,$fx/my,,initrd'" '-append mem=134217728'
# QEMU's memory: the Guest's 128 MiB, the modules rounded up, and 16 MiB
# for the Host.
expect dry-run-memory 0 ' -m 145 '

head -c 1024 /dev/zero >"$fx/disk.img"
lg_run --dry-run --disk "$fx/disk.img"
expect dry-run-disk 0 "-drive file=$fx/disk.img,if=none,format=raw,id=disk0 -device virtio-blk-device,drive=disk0" \
	'-global virtio-mmio.force-legacy=false' '-device virtio-rng-device'
lg_run --dry-run --disk "$fx/disk.img,ro"
expect dry-run-read-only-disk 0 "-drive file=$fx/disk.img,if=none,format=raw,id=disk0,readonly=on "

# gdb: qemu-system-i386, whose stub speaks i386 (tools/lguest/gdb.c), on
# the loopback only.
lg_run --dry-run --gdb
expect dry-run-gdb 0 '^/[^ ]*qemu-system-i386 ' ' -gdb tcp:127\.0\.0\.1:[0-9]+ -S'
lg_run --dry-run --accel kvm
expect dry-run-kvm 0 ' -accel kvm -cpu host '
lg_run --dry-run --verbose
expect dry-run-verbose 0 "-append 'mem=67108864 verbose'"

# What it prints runs: paste it into a shell.
cmd=$("$LGUEST" run --dry-run --cmdline "test=hello exit=4")
out=$(eval "$cmd" </dev/null 2>&1); rc=$?
# (QEMU's own status: (LGUEST_EXIT_PORT_VALUE(4) << 1) | 1.)
expect dry-run-command-runs 11 'Hello from the Guest'
