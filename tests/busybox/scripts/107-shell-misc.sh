a=hello
echo "${a#h} ${a%lo} ${a##*l} ${a%%l*} ${#a} ${a:1:3} ${a/l/L} ${a//l/L}"
echo "${u:-def} ${u:=set} $u ${a:+alt} ${nothere+x}|"
( : ${v:?must be set} ) 2>&1 | sed 's/.*v: /v: /'
arr="x y z"; for w in $arr; do printf '%s.' $w; done; echo
echo $((1 << 31)) $((-7 / 2)) $((-7 % 2)) $((0x7fffffff + 1)) $((2**10))
echo $(( 10 > 3 ? 1 : 0 )) $(( 5 & 3 )) $(( 5 | 3 )) $(( 5 ^ 3 )) $(( ~5 ))
i=5; : $((i++)) $((i+=2)); echo $i
sh -c 'echo $((1/0))' 2>&1 | sed 's/^sh: [^:]*: //'; sh -c 'echo $((1/0))' 2>/dev/null; echo "div0 status: $?"
alias hi='echo alias works'
eval hi
type echo cd ls 2>&1 | sed 's/ is .*/ known/'
command -v sh >/dev/null && echo "command -v"
case "a.b" in *.c) echo c;; *.b) echo b;; esac
f() { local l=inner; echo $l; return 3; }; f; echo "ret $?, l=${l:-unset}"
readonly R=1; (R=2) 2>&1 | sed 's/.*R: /R: /'
echo {a,b} "{not,brace}"
x='*'; echo "$x" $x | wc -w
echo ~root/x ~nosuchuser
