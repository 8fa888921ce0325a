for f in a b c; do echo "item $f"; done
n=0; until [ $n -ge 3 ]; do echo "n=$n"; n=$((n+1)); done
for i in $(seq 3); do case $i in 1) echo one;; 2) echo two;; *) echo many;; esac; done
