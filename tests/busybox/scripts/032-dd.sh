seq 1 1000 > src
dd if=src of=dst bs=100 2>/dev/null
cmp src dst && echo copied
dd if=src bs=1 skip=10 count=5 2>/dev/null; echo
dd if=src of=part bs=10 count=3 2>&1 | head -2 | sed 's/ in .*//'
