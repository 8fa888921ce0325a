printf 'a b c\nd e\n' | while read x y; do echo "x=$x y=$y"; done
echo "one:two" | { IFS=: read p q; echo "$q $p"; }
