yes | head -1
seq 1 100000 | head -2
(trap '' PIPE; yes 2>/dev/null | head -1)
