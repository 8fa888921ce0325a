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

# A read that feeds itself (guest/hostile/virtio_hostile.c): sector s holds
# an avail ring whose index is s + 2 (flags: no interrupt) and a read
# header for sector s + 1 (mod 64), at the offsets where the read lands
# them.  One notify serves the one request offered when it came.
feed=$(mktemp)
trap 'rm -f "$img" "$feed"' EXIT
byte() { printf -v b '\\x%02x' $(($1 & 255)); }
zeros() { z=; for ((k = 0; k < $1; k++)); do z+='\0'; done; }
zeros 480; pad=$z; zeros 20; gap=$z
for ((s = 0; s < 64; s++)); do
	rec=; byte 1; rec+=$b'\0'
	byte $((s + 2)); rec+=$b; byte $(((s + 2) >> 8)); rec+=$b$gap
	byte $(((s + 1) % 64)); rec+=$b'\0\0\0\0\0\0\0'
	printf "$rec$pad"
done >"$feed"
lg_run --timeout "$TIMEOUT" --disk "$feed" --cmdline "test=hostile-virtio-self-feeding"
expect virtio-self-feeding-one-round 0 "one notify served 1 request\(s\); avail index now 2$"

# 32 buffers of 128 MiB and one of 512 bytes: 4 GiB + 512 in 64 bits, 512
# in 32.  The disk refuses it.
lg_run --timeout "$TIMEOUT" --mem 128M --disk "$img" --cmdline "test=hostile-virtio-length-wraps"
expect virtio-length-sum-in-64-bits 0 "4 GiB and 512 bytes in one request: status 1$"

# Console output over the 64 KiB a chain may carry.
lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-virtio-console-big"
expect virtio-console-chain-too-big 101 \
	"Guest killed: virtio console device: the Guest sent a chain of console output over the limit of 64 KiB"

# 16 MiB of entropy asked in one buffer: a page's worth comes.
lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-virtio-rng-big"
expect virtio-entropy-request-capped 0 "the entropy device wrote 4096 bytes$"
