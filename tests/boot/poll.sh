#!/usr/bin/env bash
# poll, select and timed sleeps.  user/poll.c runs on this machine and in
# the Guest (from the busybox initramfs, with the console as its output),
# in both worlds, and the outputs must be the same byte for byte.  Then
# the interactive shell on a pseudo-terminal (tests/boot/pty_shell.py):
# line editing polls before each read, read -t times out, the tty's VTIME
# timer, and `exit 3` is lguest's status.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
B=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The busybox initramfs with /poll added.
initrd_plus "$tmp/initrd" "$B/user" poll

# The Guest's descriptor limit is 256, poll's nfds limit with it.
want=$(ulimit -n 256 && "$B/user/poll" 2>&1; echo "exit $?")
for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	lg_run $flag --timeout "$TIMEOUT" --initrd "$tmp/initrd" -- /poll
	same_as_linux "poll-as-linux-$world" "$want" "$(printf '%s\n' "$stdout"; echo "exit $rc")"

	python3 tests/boot/pty_shell.py "-$world" "$TIMEOUT" \
		timeout -k 5 $((TIMEOUT + 15)) "$LGUEST" run $flag --timeout "$TIMEOUT"
done
