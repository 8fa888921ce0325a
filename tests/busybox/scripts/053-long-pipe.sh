seq 1 5000 | sed 's/$/ line/' | awk '{print $1 * 2}' | sort -rn | head -3
dd if=/dev/zero bs=1024 count=200 2>/dev/null | cat | cat | wc -c
