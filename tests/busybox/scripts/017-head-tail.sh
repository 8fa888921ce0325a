seq 1 20 > n
head -3 n
tail -2 n
head -c 5 n | od -c | head -1
tail -n +19 n
