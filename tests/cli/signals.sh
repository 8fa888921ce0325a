#!/usr/bin/env bash
# Whatever ends lguest ends QEMU: each signal that would end it, SIGKILL
# included, leaves no QEMU behind, and lguest's status says which signal.
# A run in the background of a terminal never stops on SIGTTOU, and
# SIGTERM always ends it.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

# qemu_of PID: the QEMU lguest PID started, once it runs.
qemu_of() {
	local q
	for _ in $(seq 50); do
		q=$(pgrep -P "$1" | head -n 1)
		[ -n "$q" ] && { echo "$q"; return; }
		sleep 0.1
	done
}

# gone PID: PID is no more (or a zombie, on its way) within 3 s.
gone() {
	for _ in $(seq 30); do
		[ ! -e "/proc/$1" ] && return 0
		grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# Job control: a background job gets SIGINT and SIGQUIT too (without it,
# bash starts it with them ignored, as it must).
set -m
for sig in TERM HUP INT QUIT USR1 USR2 PIPE ALRM KILL; do
	n=$(kill -l "$sig")
	LGUEST_HOST="$fx/loop.elf" "$LGUEST" run "$fx/loop.elf" </dev/null >"$fx/sig.out" 2>&1 &
	pid=$!
	qemu=$(qemu_of $pid)
	if [ -z "$qemu" ]; then
		kill -KILL $pid; wait $pid
		out=$(cat "$fx/sig.out"); fail "sig$sig-ends-the-run" "QEMU never started"; continue
	fi
	kill -"$sig" $pid
	{ wait $pid; } 2>/dev/null; rc=$?
	out=$(cat "$fx/sig.out")
	if [ "$sig" = KILL ]; then
		expect "sig$sig-ends-the-run" $((128 + n))
	else
		expect "sig$sig-ends-the-run" $((128 + n)) "^lguest: stopped by signal $n "
	fi
	if gone "$qemu"; then pass "sig$sig-leaves-no-qemu"
	else fail "sig$sig-leaves-no-qemu" "QEMU $qemu still runs"; kill -KILL "$qemu"; fi
done
set +m

# In a terminal's background: timeout(1) gives its command a process group
# of its own, so lguest is not in the terminal's foreground.  It must run
# to its end, leave the terminal's modes alone, and stop when timeout
# sends SIGTERM.  script(1) gives us the terminal.
if command -v script >/dev/null && command -v stty >/dev/null; then
	out=$(timeout 40 script -qec "stty -g; s=\$(date +%s); LGUEST_HOST='$fx/exit7.elf' timeout -k 3 15 '$LGUEST' run '$fx/exit7.elf'; echo rc=\$? took=\$((\$(date +%s) - s)); stty -g" /dev/null </dev/null 2>&1)
	rc=0
	expect background-run-does-not-stop 0 'rc=7 took=[0-9]([^0-9]|$)' \
		"^lguest: not in the terminal's foreground: the Guest gets no input"
	modes=$(grep -E '^[0-9a-f]+(:[0-9a-f]+)+' <<<"$out" | tr -d '\r' | sort -u | wc -l)
	if [ "$modes" = 1 ]; then pass background-run-leaves-the-terminal-alone
	else fail background-run-leaves-the-terminal-alone "the terminal's modes changed"; fi

	out=$(timeout 40 script -qec "s=\$(date +%s); LGUEST_HOST='$fx/loop.elf' timeout -k 5 2 '$LGUEST' run '$fx/loop.elf'; echo rc=\$? took=\$((\$(date +%s) - s))" /dev/null </dev/null 2>&1)
	rc=0
	expect background-run-ends-on-sigterm 0 'rc=124 took=[2-4]([^0-9]|$)' '^lguest: stopped by signal 15 '
	sleep 0.5
	if pgrep -f "$fx/loop.elf" >/dev/null; then fail background-run-leaves-no-qemu "QEMU still runs"
	else pass background-run-leaves-no-qemu; fi
else
	echo "skip background-run-does-not-stop (no script or stty)"
fi
