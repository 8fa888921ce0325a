echo x > /dev/full; echo "status $?"
printf 'abc' | dd of=/dev/full 2>&1 | head -1; echo
head -c 10 /dev/full | od -An -tx1
head -c 1000 /dev/urandom | wc -c
dd if=/dev/urandom bs=65536 count=2 2>/dev/null | wc -c
dd if=/dev/random bs=100 count=3 2>/dev/null | wc -c
head -c 100000 /dev/zero | tr -d '\0' | wc -c
cat /dev/null > f; wc -c < f
cp /dev/null empty; stat -c '%s %F' empty
echo data > /dev/null; echo "null: $?"
dd if=/dev/zero of=/dev/null bs=1M count=4 2>&1 | head -2
cat /dev/zero | head -c 5 | od -An -tx1
[ -c /dev/null ] && [ -w /dev/null ] && echo "null is a writable char device"
od -An -tx1 -N 4 /dev/null; echo "empty od: $?"
