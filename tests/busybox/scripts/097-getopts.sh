parse() {
	OPTIND=1
	while getopts 'ab:c' o "$@"; do
		case $o in
		a) echo "a";;
		b) echo "b=$OPTARG";;
		c) echo "c";;
		?) echo "bad";;
		esac
	done
	shift $((OPTIND - 1)); echo "rest: $*"
}
parse -a -b val -c x y
parse -ab val2 -- -c
parse -ca file
parse -x 2>&1
parse -b 2>&1
silent() { OPTIND=1; while getopts ':b:' o "$@"; do echo "$o ${OPTARG:-}"; done; }
silent -b
silent -z
getopt -o ab: -l long,arg: -- -a --long --arg=1 -b 2 rest
