(exit 3) & a=$!
(exit 7) & b=$!
(sleep 0.2; exit 9) & c=$!
sh -c 'kill -9 $$' & d=$!
wait $b; echo "b=$?"
wait $a; echo "a=$?"
wait $c; echo "c=$?"
wait $d; echo "d=$?"
wait; echo "all: $?"
for i in 1 2 3 4 5 6 7 8; do (sleep 0.1; echo $i > out$i) & done
wait; cat out1 out2 out3 out4 out5 out6 out7 out8 | tr '\n' ' '; echo
wait 1 2>&1; echo "not a child: $?"
(exit 200) & wait $!; echo "200: $?"
sh -c 'exit 255' & wait $!; echo "255: $?"
true & false & wait $!; echo "last false: $?"
