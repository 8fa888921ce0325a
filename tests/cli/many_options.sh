#!/usr/bin/env bash
# lguest run --guest: what it hands QEMU (each Guest's kernel module, its
# command line and initrd; the Host's mem= with one size a Guest; QEMU's
# memory from their sum) and what it refuses.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

guest=$(cd build && pwd)/guest.elf
printf 'initrd' >"$fx/rd,1"
lg_run --dry-run --guest a:mem=32M,cmdline=test=hello \
	--guest b:mem=48M,initrd="$fx/rd,,1",kernel="$fx/exit7.elf",cmdline="test=hello x,y"
expect guest-modules 0 "-initrd '$guest test=hello,$fx/exit7.elf test=hello x,,y,$fx/rd,,1'" \
	'-append mem=33554432,50331648( |$)'
# QEMU's memory: 32 MiB, then the first Guest's modules and the Host's 16
# MiB, then 48 MiB and 3 MiB for the second Guest and its modules.
mib=$(grep -o ' -m [0-9]*' <<<"$out" | grep -o '[0-9]*$')
if [ -n "$mib" ] && [ "$mib" -ge $((32 + 16 + 48 + 3)) ] && [ "$mib" -le $((32 + 16 + 48 + 3 + 4)) ]; then
	pass guest-memory-summed
else
	fail guest-memory-summed "-m ${mib:-missing}"
fi

lg_run --dry-run --guest a:cmdline=test=hello --guest a:cmdline=test=hello
expect guest-names-unique 2 '^lguest: --guest a:cmdline=test=hello: two Guests named a$'
lg_run --dry-run --guest 'bad name'
expect guest-name-checked 2 "^lguest: --guest bad name: a name is 1 to 32 letters"
lg_run --dry-run --guest a:colour=red
expect guest-key-checked 2 "^lguest: --guest a: 'colour=red' is none of kernel=, mem=, initrd=, disk=, ro, console= or cmdline="
lg_run --dry-run --guest a:mem=lots
expect guest-mem-checked 2 '^lguest: --guest a: mem=lots is not a size'
lg_run --dry-run --guest a --guest b:mem=1M
expect guest-mem-range-checked 2 '^lguest: --guest b: mem=1M: a Guest.s memory must be from 4 MiB to 960 MiB'
lg_run --dry-run --guest a:mem=512M --guest b:mem=512M
expect guests-memory-limited 2 '^lguest: the Guests. memory is 1024 MiB together, over the limit of 960 MiB'
lg_run --dry-run --mem 32M --guest a
expect guest-and-mem-refused 2 "^lguest: with --guest, each Guest's kernel, --mem, --initrd and --cmdline go in its --guest"
lg_run --dry-run --guest a:console=x --guest b
expect first-guest-console-refused 2 "^lguest: --guest a: the first Guest's console is the terminal, not console=x"
lg_run --dry-run --native --guest a
expect guest-and-native-refused 2 '^lguest: --native runs one kernel, without a Host: no --guest'
lg_run --dry-run --guest a --guest b --guest c --guest d --guest e --guest f --guest g --guest h --guest i
expect guest-count-limited 2 '^lguest: --guest i: at most 8 Guests'
