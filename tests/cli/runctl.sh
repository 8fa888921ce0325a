#!/usr/bin/env bash
# Seeing and steering a run of several Guests (docs/10-many-guests.md):
# lguest console to a second Guest's busybox, input and output, its output
# on no other console; lguest list; lguest stop of one Guest while the
# others run, and of one that does not listen (killed after the grace
# period); a Guest's disk of its own; errors for bad names and runs; the
# run's socket gone when the run ends, even by SIGKILL.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

# Runs of our own, apart from any other on the machine.
export XDG_RUNTIME_DIR="$fx/xdg"
mkdir -m 700 "$XDG_RUNTIME_DIR"
rundir=$XDG_RUNTIME_DIR/lguest
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
	exec 7>&- 2>/dev/null
	rm -rf "$fx"
}
trap cleanup EXIT

# start NAME ARGS...: lguest run ARGS in the background, its stdout and
# stderr in $fx/NAME.out and .err, its input silent; its pid in $started.
start() {
	local name=$1; shift
	local fifo="$fx/$name.in"
	mkfifo "$fifo"
	"$LGUEST" run --timeout $((TIMEOUT * 3)) "$@" \
		<"$fifo" >"$fx/$name.out" 2>"$fx/$name.err" &
	started=$!
	pids+=("$started")
	exec {keep}>"$fifo"	# open and silent: the first Guest's input never ends
}

# wait_for SECONDS COMMAND...: until COMMAND succeeds; 1 if it never did.
wait_for() {
	local end=$((SECONDS + $1)); shift
	until "$@"; do
		[ $SECONDS -ge $end ] && return 1
		sleep 0.2
	done
}

# rows N: lguest list shows N Guests.
rows() { [ "$("$LGUEST" list 2>/dev/null | tail -n +2 | wc -l)" = "$1" ]; }

start main --guest a:mem=48M,cmdline='-- sh -c "sleep 1000"' \
	--guest b:mem=40M,console="$fx/b.log" \
	--guest c:mem=32M,console="$fx/c.log",cmdline='-- sh -c "sleep 1000"'
main=$started
if wait_for $((TIMEOUT * 2)) rows 3; then
	pass list-appears
else
	fail list-appears "lguest list: $("$LGUEST" list 2>&1)" "run: $(cat "$fx/main.err")"
fi

# lguest list: each Guest's name, state, memory, CPU time and switches.
list=$("$LGUEST" list 2>&1)
if grep -Eq '^RUN +NAME +STATE +MEMORY +CPU +SWITCHES$' <<<"$list" &&
   grep -Eq "^$main +a +(running|halted) +48M +[0-9]+\.[0-9]{2}s +[0-9]+$" <<<"$list" &&
   grep -Eq "^$main +b +(running|halted) +40M +[0-9]+\.[0-9]{2}s +[0-9]+$" <<<"$list" &&
   grep -Eq "^$main +c +(running|halted) +32M +[0-9]+\.[0-9]{2}s +[0-9]+$" <<<"$list"; then
	pass list-three-guests
else
	fail list-three-guests "$list"
fi
"$LGUEST" list --run "$main" >"$fx/one-run" 2>&1
if [ "$(tail -n +2 "$fx/one-run" | wc -l)" = 3 ]; then pass list-one-run
else fail list-one-run "$(cat "$fx/one-run")"; fi

# Console I/O to the second Guest: a command typed through lguest console
# runs in its busybox shell and its answer comes back, and nowhere else.
mkfifo "$fx/typed"
"$LGUEST" console b <"$fx/typed" >"$fx/b.seen" 2>"$fx/b.cerr" &
attached=$!
pids+=("$attached")
exec 7>"$fx/typed"
# The shell starts when its Guest boots: ask until it answers.
answered() {
	printf 'echo $((6 * 7))z\n' >&7
	sleep 0.5
	grep -q '^42z' <(tr -d '\r' <"$fx/b.seen")
}
if wait_for $((TIMEOUT * 2)) answered; then
	pass console-second-guest-answers
else
	fail console-second-guest-answers "seen: $(cat -v "$fx/b.seen")" "$(cat "$fx/b.cerr")"
fi
if grep -q '^42z' <(tr -d '\r' <"$fx/b.log"); then pass console-logged-to-file
else fail console-logged-to-file "log: $(cat -v "$fx/b.log")"; fi
if ! grep -q '42z' "$fx/main.out" "$fx/c.log" && ! grep -q '6 \* 7' "$fx/main.out" "$fx/c.log"; then
	pass console-output-apart
else
	fail console-output-apart "first: $(cat -v "$fx/main.out")" "c: $(cat -v "$fx/c.log")"
fi
"$LGUEST" console b </dev/null >/dev/null 2>"$fx/twice"
rc=$?
if [ $rc = 1 ] && grep -q "b's console is attached already" "$fx/twice"; then
	pass console-one-at-a-time
else
	fail console-one-at-a-time "exit status $rc" "$(cat "$fx/twice")"
fi
# The end of input detaches; the Guest runs on.
exec 7>&-
if wait_for 10 eval '! kill -0 $attached 2>/dev/null' && wait $attached; then
	pass console-detaches-at-end-of-input
else
	fail console-detaches-at-end-of-input "$(cat "$fx/b.cerr")"
fi

# Bad names and runs.
check_error() {	# NAME STATUS PATTERN COMMAND...
	local name=$1 want=$2 pat=$3; shift 3
	local err
	err=$("$LGUEST" "$@" </dev/null 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" = "$want" ] && grep -Eq -- "$pat" <<<"$err"; then pass "$name"
	else fail "$name" "exit status $rc, wanted $want" "$err"; fi
}
check_error console-no-such-guest 1 '^lguest: no run has a Guest named nope \(lguest list' console nope
check_error console-first-is-the-terminal 1 "a's console is lguest run's own terminal" console a
check_error console-bad-name 1 "^lguest: 'x y' is not a Guest's name" console 'x y'
check_error console-no-such-run 1 '^lguest: run 1: no such run' console 1/b
check_error console-bad-run 1 "^lguest: 'r' is not a run" console --run r b
check_error console-usage 2 '^lguest: usage: lguest console \[--run RUN\] NAME' console
check_error stop-no-such-guest 1 'no run has a Guest named nope' stop nope
check_error list-usage 2 '^lguest: usage: lguest list' list extra

# Two runs with a Guest named b: the user says which.
start other --guest x:cmdline='-- sh -c "sleep 1000"' --guest b:console="$fx/b2.log"
other=$started
wait_for $((TIMEOUT * 2)) rows 5
check_error console-ambiguous 1 "runs [0-9]+ and [0-9]+ both have a Guest named b: say which" console b
"$LGUEST" console "$main/b" </dev/null >/dev/null 2>"$fx/picked"
rc1=$?
"$LGUEST" console --run "$other" b </dev/null >/dev/null 2>>"$fx/picked"
if [ $rc1 = 0 ] && [ $? = 0 ]; then pass console-run-picked
else fail console-run-picked "$(cat "$fx/picked")"; fi
kill -KILL "$other"
wait "$other" 2>/dev/null
# Its socket goes with it, however it ended.
if wait_for 10 eval '[ ! -e "$rundir/$other" ]'; then pass socket-gone-after-sigkill
else fail socket-gone-after-sigkill "$(ls -l "$rundir")"; fi

# lguest stop of one Guest: it powers off when asked, the others run on.
err=$("$LGUEST" stop b 2>&1)
rc=$?
list=$("$LGUEST" list 2>&1)
if [ $rc = 0 ] && grep -q '^lguest: b ended: status 0,' <<<"$err" &&
   grep -q '^lguest: guest 1 ended: status 0' "$fx/main.err" &&
   grep -Eq " b +off " <<<"$list" && grep -Eq " a +(running|halted) " <<<"$list" &&
   grep -Eq " c +(running|halted) " <<<"$list"; then
	pass stop-one-others-run-on
else
	fail stop-one-others-run-on "exit status $rc: $err" "$list" "$(cat "$fx/main.err")"
fi
check_error stop-ended-guest 1 'b has ended: status 0' stop b

# Stopping the first Guest and then the last ends the run, with the
# first Guest's status.
"$LGUEST" stop a >/dev/null 2>&1
"$LGUEST" stop c >"$fx/stop-c" 2>&1
wait "$main"
rc=$?
if [ $rc = 0 ] && grep -q '^lguest: guest 0 ended: status 0' "$fx/main.err" &&
   grep -q '^lguest: guest 2 ended: status 0' "$fx/main.err" &&
   [ -z "$(ls -A "$rundir")" ]; then
	pass stop-all-ends-the-run
else
	fail stop-all-ends-the-run "exit status $rc" "$(cat "$fx/main.err")" "$(ls -l "$rundir")"
fi

# A Guest that does not listen (fixtures' loop.elf, which never even
# starts its console) is killed once the grace period is over.
start deaf --guest one:cmdline=test=hello --guest deaf:kernel="$fx/loop.elf",console="$fx/deaf.log"
wait_for $((TIMEOUT * 2)) rows 2
t0=$SECONDS
err=$("$LGUEST" stop deaf 2>&1)
rc=$?
if [ $rc = 0 ] && [ $((SECONDS - t0)) -ge 4 ] &&
   grep -q "^lguest: deaf ended: status 101, .*killed: it did not power off when lguest stop asked it to" <<<"$err"; then
	pass stop-kills-after-grace
else
	fail stop-kills-after-grace "exit status $rc after $((SECONDS - t0)) s: $err"
fi
wait "$started"

# A disk for each Guest, its own: each writes its own file; a read-only
# one refuses; two Guests may not share a disk one of them writes.
for d in d1 d2 d3; do head -c 65536 /dev/zero >"$fx/$d"; done
printf 'written from outside' | dd of="$fx/d3" bs=512 seek=2 conv=notrunc status=none
lg_run --timeout "$TIMEOUT" --guest one:disk="$fx/d1",cmdline="test=disk-write sector=5" \
	--guest two:disk="$fx/d2",console="$fx/d2.log",cmdline="test=disk-write sector=3" \
	--guest three:disk="$fx/d3",ro,console="$fx/d3.log",cmdline="test=disk-read sector=2" \
	--guest four:console="$fx/e.log",cmdline=test=entropy
expect disk-each-guest 0 '^guest: disk-write: sector 5 status 0' \
	'^guest1: disk-write: sector 3 status 0' \
	'^guest2: disk-read: sector 2 status 0: written from outside' \
	'^guest3: entropy: 16 bytes' '^lguest: guest 3 ended: status 0'
if [ "$(dd if="$fx/d1" bs=512 skip=5 count=1 status=none | tr -d '\0')" = "lguest guest sector 5" ] &&
   [ "$(dd if="$fx/d2" bs=512 skip=3 count=1 status=none | tr -d '\0')" = "lguest guest sector 3" ] &&
   [ -z "$(dd if="$fx/d1" bs=512 skip=3 count=1 status=none | tr -d '\0')" ] &&
   [ -z "$(dd if="$fx/d2" bs=512 skip=5 count=1 status=none | tr -d '\0')" ]; then
	pass disk-writes-reach-their-own-files
else
	fail disk-writes-reach-their-own-files
fi
lg_run --timeout "$TIMEOUT" --guest one:cmdline=test=hello \
	--guest two:disk="$fx/d3",ro,console="$fx/d4.log",cmdline="test=disk-write sector=6"
expect disk-read-only-second-guest 0 \
	'^guest1: disk-write: sector 6 status 1 \(read-only disk\)' '^lguest: guest 1 ended: status 100'
lg_run --dry-run --guest one:disk="$fx/d1" --guest two:disk="$fx/d1",console="$fx/x"
expect disk-not-shared 2 "^lguest: --guest one and --guest two: both have the disk $fx/d1"
lg_run --dry-run --guest one:cmdline=test=hello --guest two:ro,console="$fx/x"
expect disk-ro-needs-disk 2 "^lguest: --guest two: ro says its disk is read-only, but it has no disk="
lg_run --dry-run --guest one:cmdline=test=hello --guest two:disk="$fx/d2",console="$fx/x" \
	--guest three:disk="$fx/d3",ro,console="$fx/y"
expect disk-owners-told-the-host 0 "-append 'mem=[0-9,]+ disks=1,2'" \
	"file=$fx/d2,if=none,format=raw,id=disk1 " "file=$fx/d3,if=none,format=raw,id=disk2,readonly=on "
