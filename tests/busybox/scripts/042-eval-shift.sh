cmd='echo evaluated'; eval $cmd
set -- 1 2 3 4; shift 2; echo "$@"
v=name; eval "$v=value"; echo $name
