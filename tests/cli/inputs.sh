#!/usr/bin/env bash
# Inputs refused before QEMU starts (status 2, one line), that once went
# wrong inside the machine: an initrd too big for --mem (a Host panic), an
# empty initrd (none on the Host, 0 bytes natively), a disk that is not a
# whole number of sectors (QEMU grew it when written) or is empty.  And
# what is just within the rules runs, in both worlds.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

head -c $((7 << 20)) /dev/zero >"$fx/7M"
head -c $((5 << 20)) /dev/zero >"$fx/5M"
head -c 1000 /dev/zero >"$fx/1000"
head -c 512 /dev/zero >"$fx/512"

for world in "" --native; do
	w=${world:+-native}
	lg_run $world --mem 8M --initrd "$fx/7M" --timeout "$TIMEOUT"
	expect "initrd-too-big-refused$w" 2 \
		"^lguest: initrd $fx/7M is 7340032 bytes, too big for --mem 8 MiB: with the kernel and its page tables the Guest needs [0-9]+ MiB \(give --mem more\)$"
	lg_run $world --mem 8M --initrd "$fx/5M" --timeout "$TIMEOUT" --cmdline "test=initrd"
	expect "initrd-that-fits-runs$w" 0 '5242880'
	lg_run $world --initrd "$fx/empty" --timeout "$TIMEOUT"
	expect "empty-initrd-refused$w" 2 "^lguest: initrd $fx/empty is empty \(leave out --initrd for no initrd\)$"
	lg_run $world --disk "$fx/1000" --timeout "$TIMEOUT"
	expect "ragged-disk-refused$w" 2 \
		"^lguest: disk $fx/1000 is 1000 bytes, not a whole number of 512-byte sectors \(truncate -s 1024 makes it one\)$"
	lg_run $world --disk "$fx/empty" --timeout "$TIMEOUT"
	expect "empty-disk-refused$w" 2 "^lguest: disk $fx/empty is empty: a disk holds at least one 512-byte sector$"
	lg_run $world --disk "$fx/512" --timeout "$TIMEOUT" --cmdline "test=disk-read sector=0"
	expect "one-sector-disk-runs$w" 0 '^guest: disk-read: sector 0 status 0'
	if [ "$(stat -c %s "$fx/1000")" = 1000 ]; then pass "ragged-disk-untouched$w"
	else fail "ragged-disk-untouched$w" "it is $(stat -c %s "$fx/1000") bytes now"; fi
done
