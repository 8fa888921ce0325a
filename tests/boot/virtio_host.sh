#!/usr/bin/env bash
# The Host testing itself, with no Guest: its driver for the machine's
# virtio devices, and its invariants check.
# "hosttest=blk" reads a sector the test wrote into the image and writes
# one the test then finds in the file; "hosttest=rng" reads entropy.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

img=$(mktemp)
trap 'rm -f "$img"' EXIT
head -c 32768 /dev/zero >"$img"
printf 'SECTOR0MAGIC' | dd of="$img" conv=notrunc status=none

# hosttest NAME LGUEST-ARGS...: run the Host's self-test NAME.
hosttest() {
	local name=$1; shift
	local cmd
	cmd=$("$LGUEST" run --dry-run "$@" | sed "s/-append mem=\([0-9]*\)/-append 'mem=\1 hosttest=$name'/")
	out=$(eval "timeout $TIMEOUT $cmd" </dev/null 2>&1)
	rc=$?
}

hosttest blk --disk "$img"
# QEMU's status for a Host that exits with 0: (LGUEST_EXIT_PORT_VALUE(0) << 1) | 1.
expect host-blk-capacity 3 'hosttest: capacity 64 sectors'
expect host-blk-reads-the-image 3 'hosttest: sector 0: 534543544f52304d41474943' 'read status 0'
expect host-blk-writes 3 'write status 0' 'flush status 0'
if [ "$(dd if="$img" bs=512 skip=1 count=1 status=none | head -c 20)" = "lguest host was here" ]; then
	pass host-blk-write-reaches-the-file
else
	fail host-blk-write-reaches-the-file "sector 1 of the image does not hold the Host's words"
fi

hosttest blk --disk "$img,ro"
expect host-blk-read-only-refuses-writes 3 'read status 0' 'write status [12]$'

hosttest rng
expect host-rng 3 'hosttest: 16 random bytes' 'hosttest: random: [0-9a-f]{32}'
first=$(grep -o 'random: .*' <<<"$out")
hosttest rng
second=$(grep -o 'random: .*' <<<"$out")
if [ -n "$first" ] && [ "$first" != "$second" ]; then pass host-rng-differs-between-boots
else fail host-rng-differs-between-boots "the same bytes twice: $first"; fi

# The Host's own invariants check (host/core/invariants.c), which every
# hostile test relies on: it sees one changed byte of the Host's image or
# word of a guard page.
hosttest invariants
expect host-invariants-hold 3 'after recording: none broken$' 'after putting them back: none broken$'
expect host-invariants-see-a-code-byte 3 'after a flipped code byte: the Host.s code or read-only data changed'
expect host-invariants-see-the-last-byte 3 'after a flipped last byte: the Host.s code or read-only data changed'
expect host-invariants-see-a-guard-word 3 'after a changed guard word: .*guard'
