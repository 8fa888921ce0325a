printf 'a b\nc\n' | xargs -n1 echo
printf 'x\ny\n' | xargs -I{} echo '<{}>'
printf '' | xargs -r echo never; echo "empty: $?"
printf 'one\0two three\0' | xargs -0 -n1 echo
echo 1 2 | xargs sh -c 'exit 1'; echo "failed: $?"
echo 1 | xargs nosuchcmd 2>/dev/null; echo "missing: $?"
echo a b c | xargs -t echo 2>&1
seq 1 3000 | xargs echo | wc -lw
seq 1 10 | xargs -n 3 sh -c 'echo $#'
echo "q'uo\"te" | xargs -0 printf '[%s]\n'
