seq 1 20 > f
head -c 5 f | od -An -c
head -n 3 f | tr '\n' ' '; echo
head -n -17 f | tr '\n' ' '; echo
tail -c 6 f | od -An -c
tail -n +18 f | tr '\n' ' '; echo
tail -c +45 f | tr '\n' ' '; echo
tail -n 2 f f | cat
head -n 1 f nosuch 2>&1; echo "status $?"
seq 1 100000 | tail -n 2
seq 1 100000 | head -n 2
seq 1 100000 | tail -c 7 | od -An -c
seq 1 100000 > big; tail -n 3 big; tail -c +588889 big
printf 'no newline' | tail -n 1; echo
printf 'a\nb' | head -n 1
head -c 0 f | wc -c
tail -n 0 f | wc -c
