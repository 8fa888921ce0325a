# 64 MiB through a pipe, 64 KiB a write.
. "${0%/*}/clock.sh"
start
dd if=/dev/zero bs=65536 count=1024 2>/dev/null | cat >/dev/null
stop pipe-64m
