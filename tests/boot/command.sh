#!/usr/bin/env bash
# `lguest run -- COMMAND`: the command runs in the Guest with the user's
# stdin, stdout and exit status (any, 0 to 255), in both worlds.  End of piped input is
# its end of file, binary input passes byte for byte (0xFF, the console's
# escape byte, included), and stdout carries the program's output alone.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# cmd_run NAME STDIN ARGS...: lguest run ARGS, stdin from the file STDIN;
# stdout to $tmp/NAME.out, stderr to $tmp/NAME.err, the status in $rc.
cmd_run() {
	local name=$1 in=$2; shift 2
	timeout -k 5 $((TIMEOUT + 15)) "$LGUEST" run --timeout "$TIMEOUT" "$@" \
		<"$in" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	out="$(head -c 2000 "$tmp/$name.out" | tr -d '\0')"$'\n'"$(cat "$tmp/$name.err")"
}

head -c 100000 /dev/urandom >"$tmp/random"
# Every byte value, runs of 0xFF and an escape pair's look-alikes.
for i in $(seq 0 255); do printf "\\$(printf %03o "$i")"; done >"$tmp/bytes"
printf '\377\377\377\000\377\001\377' >>"$tmp/bytes"
printf 'hi\n' >"$tmp/hi"
printf 'a\nb\n' >"$tmp/ab"

for world in lguest native; do
	flag=; [ $world = native ] && flag=--native

	cmd_run cat "$tmp/hi" $flag -- cat
	if [ "$rc" = 0 ] && cmp -s "$tmp/cat.out" "$tmp/hi"; then pass "command-cat-hi-$world"
	else fail "command-cat-hi-$world" "status $rc, stdout $(od -c "$tmp/cat.out" | head -3)"; fi

	cmd_run exit7 /dev/null $flag -- sh -c 'exit 7'
	if [ "$rc" = 7 ] && [ ! -s "$tmp/exit7.out" ]; then pass "command-exit-status-$world"
	else fail "command-exit-status-$world" "status $rc, wanted 7 and no output"; fi

	# Every status a shell can give, as it gives it: over 99 the machine
	# records it on the serial line (exit_status.h), and no line of that
	# record is shown; 137 is init killed by SIGKILL.
	for want in 100 127 255 137; do
		cmd_run big /dev/null $flag -- sh -c "[ $want = 137 ] && kill -9 \$\$; exit $want"
		if [ "$rc" = "$want" ] && ! grep -q . "$tmp/big.err"; then pass "command-exit-status-$want-$world"
		else fail "command-exit-status-$want-$world" "status $rc, wanted $want and nothing on stderr"; fi
	done

	cmd_run wc "$tmp/ab" $flag -- wc -l
	if [ "$rc" = 0 ] && [ "$(cat "$tmp/wc.out")" = 2 ]; then pass "command-end-of-input-$world"
	else fail "command-end-of-input-$world" "status $rc, wanted 0 and 2"; fi

	for f in random bytes; do
		cmd_run "$f" "$tmp/$f" $flag -- cat
		if [ "$rc" = 0 ] && cmp "$tmp/$f.out" "$tmp/$f" >"$tmp/cmp" 2>&1; then
			pass "command-binary-$f-$world"
		else
			fail "command-binary-$f-$world" "status $rc" "$(cat "$tmp/cmp")"
		fi
	done

	# lguest's own lines and the kernels' go to stderr, never to stdout.
	cmd_run quiet /dev/null $flag -- sh -c 'echo out'
	if [ "$rc" = 0 ] && [ "$(cat "$tmp/quiet.out")" = out ]; then pass "command-stdout-is-the-programs-$world"
	else fail "command-stdout-is-the-programs-$world" "stdout: $(od -c "$tmp/quiet.out" | head -5)"; fi
done
