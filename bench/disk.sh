#!/usr/bin/env bash
# The disk, three ways over one image file in one run: the Guest on the
# Host (its virtio-blk played by the Host, served by QEMU's), the same Guest
# native (QEMU's virtio-blk directly), and the outer Linux reading and
# writing the file itself with O_DIRECT (no page cache: like a disk).
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh

MB=16 IOS=2000
img=$(mktemp)
trap 'rm -f "$img"' EXIT
head -c $((2 * MB << 20)) /dev/zero >"$img"

guest() {	# guest WORLD-FLAG: the Guest's three rates
	"$LGUEST" run $1 --disk "$img" --timeout 120 --cmdline "test=disk-bench mb=$MB ios=$IOS" </dev/null
}
field() { grep -oE "$1 [0-9]+" <<<"$2" | grep -oE '[0-9]+$'; }

lg=$(guest ""); nat=$(guest --native)
# The outer Linux: dd for the sequential passes, pread for random reads.
kib_s() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%d", b / 1024 / (ns / 1e9) }'; }
t0=$(now_ns); dd if=/dev/zero of="$img" bs=64k count=$((MB * 16)) oflag=direct conv=notrunc status=none; t1=$(now_ns)
out_w=$(kib_s $((MB << 20)) $((t1 - t0)))
t0=$(now_ns); dd if="$img" of=/dev/null bs=64k count=$((MB * 16)) iflag=direct status=none; t1=$(now_ns)
out_r=$(kib_s $((MB << 20)) $((t1 - t0)))
out_iops=$(python3 - "$img" $MB $IOS <<'PY'
import mmap, os, random, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECT)
buf = mmap.mmap(-1, 4096)
blocks, n = int(sys.argv[2]) * 256, int(sys.argv[3])
t0 = time.perf_counter()
for _ in range(n):
    os.preadv(fd, [buf], random.randrange(blocks) * 4096)
print(int(n / (time.perf_counter() - t0)))
PY
)

for what in "sequential write:KiB/s" "sequential read:KiB/s" "random 4 KiB reads:IOPS"; do
	name=${what%%:*} unit=${what#*:}
	l=$(field "$name" "$lg"); n=$(field "$name" "$nat")
	case $name in
	"sequential write") o=$out_w ;; "sequential read") o=$out_r ;; *) o=$out_iops ;;
	esac
	report "disk, $name" "$l" "$unit" "$(ratio "$l" "$n")" "native Guest: $n; outer Linux O_DIRECT: $o ($(ratio "$l" "$o")x)" ">= 0.8x native"
done
