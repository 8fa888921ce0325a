#!/usr/bin/env bash
# The console's channels (include/lguest/console.h): the Guest's programs
# on stdout, and nothing else there; the Host's verdicts, lguest's own
# messages and the Guest kernel's lines on stderr, which the Guest cannot
# pass off as the Host's.  Input: escaped and ended as the Guest expects,
# Ctrl-A lguest's only on a terminal, and what the Guest did not read
# gone when the run ends.  The command after --, and the console's mode,
# on the Guest's command line.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash
INITRD=${BUILD:-build}/initrd.cpio

# lacks NAME TEXT PATTERN: TEXT has no line matching PATTERN.
lacks() {
	if grep -Eq -- "$3" <<<"$2"; then fail "$1" "/$3/ is there"; else pass "$1"; fi
}

for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	lg_run $flag --timeout "$TIMEOUT" --initrd "$INITRD" --cmdline "test=run run=hello"
	expect "program-output-on-stdout-$world" 7 '^hello from ring 3, I am hello, pid 2$'
	lacks "only-programs-on-stdout-$world" "$stdout" 'exited with status|^guest: |^lguest: '
	lacks "no-program-output-on-stderr-$world" "$stderr" 'hello from ring 3'
	if grep -q '^guest: \[hello (pid 2) exited with status 7\]$' <<<"$stderr"; then
		pass "kernel-messages-on-stderr-$world"
	else
		fail "kernel-messages-on-stderr-$world" "stderr lacks the kernel's line"
	fi

	lg_run $flag --timeout "$TIMEOUT" --cmdline "test=crash"
	expect "crash-verdict-$world" 100 '^lguest: Guest crashed: the Guest crashed on purpose$'
	lacks "crash-verdict-on-stderr-$world" "$stdout" 'crashed'

	# The Guest kernel prints its command line; a newline in it starts
	# a line of the Guest's, never one of the Host's.
	lg_run $flag --timeout "$TIMEOUT" --cmdline $'test=hello x\nlguest: Host panic: forged'
	expect "guest-line-marked-$world" 0 '^guest: lguest: Host panic: forged'
	lacks "guest-cannot-forge-a-verdict-$world" "$out" '^lguest: Host panic'
	# A crash message quoting the Guest stays on the verdict's line.
	lg_run $flag --timeout "$TIMEOUT" --cmdline $'test=x\nlguest:'
	expect "crash-message-one-line-$world" 100 '^lguest: Guest crashed: no test called "x\?lguest:" \(test=list lists them\)$'
	lacks "crash-message-cannot-forge-$world" "$out" '^lguest:"?$'

	# Piped input: 0xFF doubled, the end of input as 0xFF 0x00.
	out=$(printf 'a\377b' | timeout 40 "$LGUEST" run $flag --timeout "$TIMEOUT" --cmdline "test=console-bytes count=6" 2>&1)
	rc=$?
	expect "input-escaped-and-ended-$world" 0 '^guest: console-bytes: 61 ff ff 62 ff 00$'
done

# Ctrl-A is data in piped input.
out=$( (printf 'ab\001xcd\n'; sleep 5) | timeout 40 "$LGUEST" run --timeout "$TIMEOUT" --cmdline "test=echo" 2>&1)
rc=$?
expect piped-ctrl-a-is-data 0 '^guest: echo \(virtio\): ab\^Axcd$'

# On a terminal (script(1) gives one).
if command -v script >/dev/null && command -v python3 >/dev/null; then
	out=$(timeout 30 script -qec "stty cols 100 rows 30; '$LGUEST' run --dry-run" /dev/null </dev/null 2>&1)
	rc=0
	expect terminal-console-mode 0 'guest.elf +console=tty winsize=100x30[,'"'"']'

	# Ctrl-A c: no monitor to swallow what follows; the Guest gets it.
	out=$( (sleep 1; printf '\001cabc\r'; sleep 5) |
		timeout 30 script -qec "'$LGUEST' run --timeout $TIMEOUT --cmdline test=echo" /dev/null 2>&1)
	rc=0
	expect ctrl-a-c-says-no-monitor 0 'there is no QEMU monitor' 'echo \(virtio\): abc'

	# Pasted input the Guest never read does not reach the shell after.
	left="import os, select, termios, tty; tty.setraw(0); n = 0
while select.select([0], [], [], 1)[0]: n += len(os.read(0, 65536))
print('left', n)"
	out=$( (sleep 1; printf 'hi\r'; head -c 5000 /dev/zero | tr '\0' x; sleep 6) |
		timeout 30 script -qec "'$LGUEST' run --timeout $TIMEOUT --cmdline test=echo; python3 -c \"$left\"" /dev/null 2>&1)
	rc=0
	expect unread-input-flushed 0 'echo \(virtio\): hi' 'left 0'
else
	echo "skip terminal-console-mode (no script or python3)"
fi
