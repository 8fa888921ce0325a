#!/usr/bin/env bash
# The Guest's devices on the Host: what it writes reaches the disk image,
# what the image holds reaches it, a read-only disk refuses writes, and
# entropy differs between boots.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

img=$(mktemp)
trap 'rm -f "$img"' EXIT
head -c 65536 /dev/zero >"$img"
printf 'written from outside' | dd of="$img" bs=512 seek=2 conv=notrunc status=none

lg_run --timeout "$TIMEOUT" --disk "$img" --cmdline "test=disk-read sector=2"
expect guest-reads-the-image 0 '^guest: disk-read: sector 2 status 0: written from outside'

lg_run --timeout "$TIMEOUT" --disk "$img" --cmdline "test=disk-write sector=5"
expect guest-writes 0 '^guest: disk-write: sector 5 status 0'
if [ "$(dd if="$img" bs=512 skip=5 count=1 status=none | tr -d '\0')" = "lguest guest sector 5" ]; then
	pass guest-write-reaches-the-file
else
	fail guest-write-reaches-the-file "sector 5 of the image does not hold the Guest's words"
fi

before=$(md5sum <"$img")
lg_run --timeout "$TIMEOUT" --disk "$img,ro" --cmdline "test=disk-write sector=6"
expect read-only-disk-refuses 100 'disk-write: sector 6 status 1 \(read-only disk\)'
if [ "$(md5sum <"$img")" = "$before" ]; then pass read-only-disk-unchanged
else fail read-only-disk-unchanged "the image changed"; fi

lg_run --timeout "$TIMEOUT" --cmdline "test=disk-read"
expect no-disk-says-so 100 'Guest crashed: no disk: run with --disk FILE'

lg_run --timeout "$TIMEOUT" --cmdline "test=entropy"
expect entropy 0 '^guest: entropy: 16 bytes:( [0-9a-f]{2}){16}$'
first=$(grep '^guest: entropy' <<<"$out")
lg_run --timeout "$TIMEOUT" --cmdline "test=entropy"
second=$(grep '^guest: entropy' <<<"$out")
if [ -n "$first" ] && [ "$first" != "$second" ]; then pass entropy-differs-between-boots
else fail entropy-differs-between-boots "the same bytes twice"; fi
