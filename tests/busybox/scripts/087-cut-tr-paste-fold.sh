printf 'abcdefgh\n12345678\n' | cut -c 2-4,7-
printf 'a:b:c\nnodelim\nx:y\n' | cut -d: -f2
printf 'a:b:c\nnodelim\nx:y\n' | cut -s -d: -f1,3
printf 'a b  c\n' | cut -d' ' -f3
echo 'Hello World' | tr a-z A-Z
echo 'Hello World' | tr -d 'lo'
echo 'aaabbbccc' | tr -s 'ab'
echo 'abc123def' | tr -cd '0-9'; echo
echo 'hello' | tr '[:lower:]' '[:upper:]'
echo 'a-b_c' | tr -c 'a-z\n' '.'
printf 'a\nb\nc\n' > p1; printf '1\n2\n' > p2
paste p1 p2
paste -d, p1 p2
paste -s p1
paste -s -d '+' p2 | sed 's/$/=/'
printf 'a\nb\nc\n' | paste - -
echo 'the quick brown fox jumps over the lazy dog' | fold -w 10
echo 'the quick brown fox jumps over the lazy dog' | fold -s -w 10
printf 'a\tb\tc\n' | expand -t 4 | od -c | head -2
printf '        x\n' | unexpand -a | od -c | head -1
echo 'reverse me' | rev
printf 'one\ntwo\n\nthree\n' | nl
printf 'one\ntwo\n\nthree\n' | nl -ba -w3 -s:
printf 'c\nb\na\n' | tac
