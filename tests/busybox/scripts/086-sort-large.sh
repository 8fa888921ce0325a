awk 'BEGIN { s = 1; for (i = 0; i < 6000; i++) { s = (s * 75 + 74) % 65537; printf "%d %s%d:%d\n", s % 997, (s % 3 ? "k" : "K"), s % 41, i } }' > d
sort d | md5sum
sort -n d | md5sum
sort -n d | head -3
sort -k2,2 -k1,1n d | head -3
sort -t: -k2,2nr d | head -3
sort -u -n -k1,1 d | wc -l
sort -f -k2,2 -u d | wc -l
sort -rn d | tail -2
sort -s -k1,1n d | head -4
sort -n d | sort -c -n && echo sorted
sort -c d 2>/dev/null; echo "unsorted: $?"
printf '1\n3\n' > m1; printf '2\n4\n' > m2; sort -m m1 m2 | tr '\n' ' '; echo
sort -o d d; head -1 d
