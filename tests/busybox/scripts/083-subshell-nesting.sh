x=$(echo $(echo $(echo deep)))
echo "$x"
echo "$(echo "$(echo "quoted $(echo inner)")")"
y=$(seq 1 20000 | tail -1); echo $y
big=$(seq 1 30000); echo ${#big}
echo "$(printf 'a\n\n\n')|"
v=1; (v=2; echo in $v); echo out $v
echo $( (exit 4); echo $?)
r=$(exit 6); echo "status $?"
`echo echo backtick`
echo `echo \`echo nested backtick\``
z=$( (echo sub1; (echo sub2; (echo sub3))) | wc -l); echo $z
f() { echo "in f $1"; }; echo "$(f a)$(f b)"
cd /; (cd /tmp); pwd
(umask 077; umask); umask
n=$( { echo a; echo b >&2; } 2>&1 | wc -l); echo $n
echo $(( $(echo 3) * $(echo 4) ))
