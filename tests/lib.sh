# Shared by the boot, cli and hostile test scripts.  Each check prints
# "ok NAME" or "not ok NAME" followed by what went wrong.
LGUEST=${LGUEST:-build/lguest}
# Boot tests never hang the suite: every run has a deadline.
TIMEOUT=${TIMEOUT:-30}

# lg_run ARGS...: "lguest run ARGS"; sets $stdout (the Guest's console:
# its programs' output), $stderr (lguest's, the Host's and the Guest
# kernel's lines, include/lguest/console.h), $out (the one, then the
# other) and $rc.  The outer timeout catches a broken --timeout.  stdin is
# empty (the Guest's readers get end of file), or with lg_silent_input
# open and silent: a count of the Guest's exits must not depend on when
# the end of input arrives.
lg_run() {
	local err
	err=$(mktemp)
	stdout=$(timeout -k 5 $((TIMEOUT + 15)) "$LGUEST" run "$@" <"${LG_STDIN:-/dev/null}" 2>"$err")
	rc=$?
	stderr=$(cat "$err")
	rm -f "$err"
	out=$stdout$'\n'$stderr
}

# lg_silent_input: from now on lg_run's stdin never ends and says nothing
# (a FIFO this shell holds open for writing).
lg_silent_input() {
	local fifo
	fifo=$(mktemp -u)
	mkfifo "$fifo"
	exec 9<>"$fifo"
	rm -f "$fifo"
	LG_STDIN=/dev/fd/9
}

# initrd_plus OUT DIR NAME...: the Guest's default root file system
# ($ROOTFS, or the build's rootfs.cpio.gz), then a second cpio archive of
# the NAMEs (paths inside DIR), as Linux unpacks two: zeros pad the first
# to the 4-byte boundary a plain archive must start on.
initrd_plus() {
	local out=$1 dir=$2 rootfs=${ROOTFS:-${BUILD:-build}/rootfs.cpio.gz}
	shift 2
	cp "$rootfs" "$out"
	head -c $(( (4 - $(stat -c %s "$rootfs") % 4) % 4 )) /dev/zero >>"$out"
	(cd "$dir" && printf '%s\n' "$@" | cpio -o -H newc --quiet) >>"$out"
}

# same_as_linux NAME WANT GOT: a program's output in the Guest (GOT) is
# what the same program printed on this machine's Linux (WANT).
same_as_linux() {
	if [ "$3" = "$2" ]; then
		pass "$1"
	else
		fail "$1" "differs from Linux:" "$(diff <(echo "$2") <(echo "$3") | head -20)"
	fi
}

pass() { echo "ok $1"; }
fail() {
	echo "not ok $1"
	shift
	printf '    %s\n' "$@"
	printf '    output:\n'
	printf '%s\n' "$out" | tail -n 20 | sed 's/^/      | /'
}

# expect NAME STATUS [GREP-PATTERN...]: the last lg_run exited with STATUS
# and its output matches every pattern (grep -E).
expect() {
	local name=$1 want=$2; shift 2
	if [ "$rc" != "$want" ]; then
		fail "$name" "exit status $rc, wanted $want"; return
	fi
	local pat
	for pat in "$@"; do
		if ! grep -Eq -- "$pat" <<<"$out"; then
			fail "$name" "output lacks /$pat/"; return
		fi
	done
	pass "$name"
}
