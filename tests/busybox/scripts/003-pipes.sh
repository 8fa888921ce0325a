echo one two three | tr ' ' '\n' | sort | head -2
seq 1 100 | grep 7 | wc -l
yes | head -3
