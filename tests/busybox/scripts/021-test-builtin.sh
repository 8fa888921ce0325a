touch e; mkdir dd; echo x > ne
[ -f e ] && echo "e is a file"
[ -d dd ] && echo "dd is a dir"
[ -s ne ] && echo "ne is non-empty"
[ -s e ] || echo "e is empty"
[ -e nope ] || echo "nope does not exist"
[ abc = abc ] && [ 3 -gt 2 ] && [ -n x ] && [ -z "" ] && echo "strings and numbers"
