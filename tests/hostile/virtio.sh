#!/usr/bin/env bash
# Hostile Guests for the devices (guest/hostile/virtio_hostile.c): a broken queue or
# transport kills the Guest with a message naming what it did; a request a
# disk would refuse gets the disk's error status, and the Guest lives.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

img=$(mktemp)
trap 'rm -f "$img"' EXIT
head -c 32768 /dev/zero >"$img"

attack() {	# attack NAME PATTERN
	lg_run --timeout "$TIMEOUT" --disk "$img" --cmdline "test=hostile-virtio-$1"
	if grep -Eq "Host panic|invariant" <<<"$out"; then
		fail "virtio-$1" "the Host failed"; return
	fi
	expect "virtio-$1" 101 "Guest killed: virtio block device: the Guest $2"
}

attack loop "has a descriptor chain longer than the queue \(a loop\)"
attack buffer-outside "has a buffer outside Guest memory"
attack bad-head "names a descriptor outside its table"
attack no-status "sent a block request with no status byte"
attack ring-outside "made a queue ready whose size or rings are bad"
lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-virtio-console-loop"
expect virtio-console-loop 101 "Guest killed: virtio console device: the Guest has a descriptor chain longer than the queue \(a loop\)"
lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-virtio-notify-elsewhere"
expect virtio-notify-not-the-register 101 "Guest killed: LHCALL_NOTIFY 0x[0-9a-f]+070: not a device's queue-notify register"
lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-virtio-notify-elsewhere at=4176"
expect virtio-notify-no-device 101 "Guest killed: access to 0x1050, where it has no device"
lg_run --timeout "$TIMEOUT" --disk "$img" --cmdline "test=hostile-virtio-unplayable"
expect virtio-unplayable 101 "Guest killed: an instruction the Host cannot play accessed device memory at 0x[0-9a-f]+070"
lg_run --timeout "$TIMEOUT" --disk "$img" --cmdline "test=hostile-virtio-past-the-end"
expect virtio-past-the-end-fails-the-request 0 "reading sector 64: status 1$"
