touch -d @1000000000 a
touch -d @1100000000 b
touch -d @1050000000 c
touch -d '2001-01-02 03:04:05' d
ls -t a b c d
ls -tr a b c d
touch -r b e; stat -c %Y e
touch -c nothere; ls nothere 2>/dev/null || echo "not created"
touch -t 200102030405.06 f; stat -c %Y f
ls -l a | awk '{print $6, $7, $8}'
ls -l --full-time b | awk '{print $6, $7, $8}'
date -r c -u +%s
touch -d @-100 past 2>&1; stat -c %Y past
