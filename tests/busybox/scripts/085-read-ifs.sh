printf 'a\\tb\\\nc\n' | { read -r l; echo "[$l]"; }
printf 'a\\\nc\n' | { read l; echo "[$l]"; }
printf '  lead  trail  \n' | { read l; echo "[$l]"; }
printf '  lead  trail  \n' | { IFS= read -r l; echo "[$l]"; }
printf 'a:b::c\n' | { IFS=: read -r w x y z; echo "[$w][$x][$y][$z]"; }
printf 'last' | { read l; echo "rc=$? [$l]"; }
printf 'x y z w\n' | { read a b; echo "[$a][$b]"; }
printf 'abcdef\n' | { read -n 3 a; echo "[$a]"; }
printf 'one;two\n' | { read -d ';' a; echo "[$a]"; }
printf 'l1\nl2\nl3\n' > f
exec 3< f; read -u 3 a; read -u 3 b; exec 3<&-; echo "[$a][$b]"
{ read a; read b; } < f; echo "[$a][$b]"
{ read a; cat; } < f
{ head -n 1 >/dev/null; cat; } < f
IFS=, ; set -- $(echo "p,q,r"); echo "$# $2"; unset IFS
printf 'a b\n' | { IFS=' ' read -r a b; echo "[$a|$b]"; }
read x < /dev/null; echo "eof: $?"
