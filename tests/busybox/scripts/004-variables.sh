a=1; b=two; echo "$a $b ${c:-unset} ${#b}"
x=hello_world; echo ${x%_*} ${x#*_} ${x/o/0}
set -- p q r; echo $# $2 "$@"
