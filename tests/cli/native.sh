#!/usr/bin/env bash
# lguest run --native: the Guest kernel is QEMU's multiboot kernel itself,
# no Host; the same console, exit device, timeout and exit statuses.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

guest=$(cd build && pwd)/guest.elf
printf 'initrd' >"$fx/my,initrd"
lg_run --native --dry-run --cmdline "test=hello a,b" --initrd "$fx/my,initrd"
expect native-dry-run 0 '^/[^ ]*qemu-system-x86_64 -M microvm ' ' -m 64 ' \
	'-device isa-debug-exit,iobase=0xf4,iosize=4' "-kernel $guest " \
	"-append 'test=hello a,b' " "-initrd '?$fx/my,,initrd'?\$"
if grep -q 'host.elf' <<<"$out"; then fail native-dry-run-no-host "the Host is in it"; else pass native-dry-run-no-host; fi

# The machine's devices go with it: natively the Guest drives them itself.
head -c 512 /dev/zero >"$fx/disk.img"
lg_run --native --dry-run --disk "$fx/disk.img"
expect native-dry-run-disk 0 'virtio-rng-device' \
	"-drive file=$fx/disk.img,if=none,format=raw,id=disk0 -device virtio-blk-device,drive=disk0 -kernel $guest "

# The machine's memory is the Guest's, to the kilobyte.
lg_run --native --dry-run --mem 20484K
expect native-dry-run-memory 0 ' -m 20484K '

# No Host is needed, nor looked for.
LGUEST_HOST=/nonexistent lg_run --native --dry-run
expect native-needs-no-host 0 "-kernel $guest "
LGUEST_HOST=/nonexistent lg_run --dry-run
expect host-run-needs-the-host 2 'the Host kernel /nonexistent'

# A kernel QEMU cannot boot by multiboot is refused before QEMU starts.
printf '\t.globl _start\n_start: jmp _start\n' >"$fx/plain.S"
gcc -m32 -c "$fx/plain.S" -o "$fx/plain.o" &&
	ld -m elf_i386 -Ttext=0x100000 -e _start -o "$fx/plain.elf" "$fx/plain.o"
lg_run --native "$fx/plain.elf"
expect native-refuses-non-multiboot 2 "^lguest: kernel $fx/plain.elf has no multiboot header: it cannot boot natively"

# Any multiboot kernel runs, and its status comes back as on the Host.
lg_run --native --timeout 10 "$fx/exit7.elf"
expect native-exit-status 7 '^guest: hi$'
lg_run --native --timeout 1 "$fx/loop.elf"
expect native-timeout 124 '^lguest: timed out after 1 s'

# What --dry-run prints runs.
cmd=$("$LGUEST" run --native --dry-run --cmdline "test=hello exit=4")
out=$(eval "$cmd" </dev/null 2>&1); rc=$?
expect native-dry-run-command-runs 11 'Hello from the Guest: 64 MiB.*world native'
