seq -w 8 11 | tr '\n' ' '; echo
seq 1 0.5 3 | tr '\n' ' '; echo
seq 5 1; echo "empty seq: $?"
seq -s: 3
expr 'abcdef' : 'ab\(..\)'
expr 'abc' : '.*'
expr 5 / 0 2>&1; echo "status $?"
expr 0 + 0; echo "zero status $?"
expr length hello
expr substr hello 2 3
expr index hello l
expr 2147483647 + 1
expr -5 % 3
test 5 -gt -3 && echo "negatives"
test -3 -lt -2 && echo "negatives2"
[ abc \< abd ] && echo "string less"
[ -n "" ] || echo "empty -n false"
[ -z "" ] && echo "empty -z true"
[ 1 -eq 1 -a 2 -eq 3 ] || echo "-a false"
[ 1 -eq 1 -o 2 -eq 3 ] && echo "-o true"
[ ! -e nothere ] && echo "! -e"
[ 1 -eq x ] 2>&1; echo "bad int: $?"
[ 1 = 1 2>&1; echo "missing bracket: $?"
touch -d @100 old; touch -d @200 new
[ new -nt old ] && echo "newer"; [ old -ot new ] && echo "older"
ln old same; [ old -ef same ] && echo "same file"
test -s old || echo "empty file"; echo x > nz; test -s nz && echo "nonempty"
[ -d . -a -w . -a -x . ] && echo "dir ok"
test 99999999999999999999 -gt 1 2>&1; echo "overflow: $?"
