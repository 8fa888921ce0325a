printf '0123456789' > f
printf 'AB' | dd of=f bs=1 seek=3 conv=notrunc 2>/dev/null; cat f; echo
printf 'AB' | dd of=g bs=1 seek=3 2>/dev/null; od -An -c g
dd if=f bs=4 skip=1 count=1 2>/dev/null; echo
dd if=/dev/zero of=sparse bs=1024 seek=100 count=1 2>&1 | head -2
stat -c %s sparse
od -An -tx1 -j 50000 -N 4 sparse
dd if=f bs=3 conv=sync 2>/dev/null | od -An -c
dd if=f of=h status=none; cat h; echo
dd if=f ibs=2 obs=5 2>&1 | head -2
printf 'abcdef' > s; dd if=s of=s2 conv=swab 2>/dev/null; cat s2; echo
dd if=f of=f bs=1 skip=5 count=2 seek=0 conv=notrunc 2>/dev/null; cat f; echo
dd if=nosuch 2>&1; echo "status $?"
