echo gone > /dev/null; echo "null ok"
head -c 16 /dev/zero | od -An -tx1
cat /dev/null | wc -c
dd if=/dev/zero bs=512 count=4 2>/dev/null | wc -c
