# Write, read and md5sum 16 MiB in a tmpfs, each timed.
. "${0%/*}/clock.sh"
f=$TMP/file16m.$$
start
dd if=/dev/zero of="$f" bs=65536 count=256 2>/dev/null
stop tmpfs-write
start
cat "$f" >/dev/null
stop tmpfs-read
start
md5sum "$f" >/dev/null
stop tmpfs-md5sum
rm "$f"
