dd if=/dev/zero bs=4096 count=256 2>/dev/null | tr '\0' 'x' > big
wc -c big
tail -c 3 big; echo
md5sum big
