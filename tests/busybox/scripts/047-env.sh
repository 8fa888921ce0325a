export FOO=bar
env | grep '^FOO='
env -i A=1 sh -c 'echo "A=$A FOO=${FOO:-none}"'
FOO=local sh -c 'echo $FOO'
