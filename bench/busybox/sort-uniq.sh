# sort | uniq on 100,000 lines of 10,007 distinct numbers (made first, not
# timed).
. "${0%/*}/clock.sh"
f=$TMP/lines.$$
awk 'BEGIN { for (i = 0; i < 100000; i++) print (i * 7919) % 10007 }' >"$f"
start
sort "$f" | uniq | wc -l >/dev/null
stop sort-uniq
rm "$f"
