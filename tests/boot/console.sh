#!/usr/bin/env bash
# Console input: what is typed (or piped) into the lguest command reaches
# the Guest through its virtio console, and comes back out.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

out=$( (printf 'hello lguest\n'; sleep 5) | timeout 30 "$LGUEST" run --timeout "$TIMEOUT" --cmdline "test=echo" 2>&1)
rc=$?
expect piped-input-echoes 0 '^guest: echo: type a line' '^guest: echo \(virtio\): hello lguest$'

# On a terminal (script(1) gives one): raw mode, so Enter arrives as "\r".
if command -v script >/dev/null; then
	out=$( (sleep 1; printf 'typed at a terminal\r'; sleep 5) |
		timeout 30 script -qec "'$LGUEST' run --timeout $TIMEOUT --cmdline test=echo" /dev/null 2>&1)
	rc=$?
	expect typed-input-echoes 0 'echo \(virtio\): typed at a terminal'

	# Ctrl-A x ends a run whose Guest would wait for ever; Ctrl-A Ctrl-A
	# is one Ctrl-A for the Guest.
	out=$( (sleep 1; printf 'a\001\001b\r'; sleep 5) |
		timeout 30 script -qec "'$LGUEST' run --timeout $TIMEOUT --cmdline test=echo" /dev/null 2>&1 | cat -v)
	rc=0
	expect ctrl-a-ctrl-a-sends-one 0 'echo \(virtio\): a\^Ab'
	out=$( (sleep 1; printf '\001x'; sleep 20) |
		timeout 30 script -qec "s=\$(date +%s); '$LGUEST' run --timeout $TIMEOUT --cmdline test=echo; echo rc=\$? took=\$((\$(date +%s) - s))" /dev/null 2>&1)
	rc=0
	expect ctrl-a-x-quits 0 '^lguest: you ended the run \(Ctrl-A x\)' 'rc=102 took=[0-9]([^0-9]|$)'
else
	echo "skip typed-input-echoes (no script)"
fi

# A Guest waiting for input sleeps; it is no Guest halted with nothing to
# wake it.
out=$( (sleep 2; printf 'late\n'; sleep 5) | timeout 30 "$LGUEST" run --timeout "$TIMEOUT" --cmdline "test=echo" 2>&1)
rc=$?
expect waiting-for-input-sleeps 0 '^guest: echo \(virtio\): late$'

# Natively the Guest drives QEMU's virtio console itself: input that comes
# before its driver is up waits for it.
out=$( (printf 'early bird\n'; sleep 5) | timeout 30 "$LGUEST" run --native --timeout "$TIMEOUT" --cmdline "test=echo" 2>&1)
rc=$?
expect native-piped-input-echoes 0 '^guest: echo \(virtio\): early bird$'

# A program's read() of standard input is the console; a CPU-bound program
# beside it keeps running while it waits.  Both worlds.
for world in "" --native; do
	out=$( (sleep 2; printf 'typed to a program\n'; sleep 5) | timeout 30 "$LGUEST" run $world --timeout "$TIMEOUT" \
		--initrd build/initrd.cpio --cmdline "test=run run=readline,spin" 2>&1)
	rc=$?
	expect "program-reads-stdin${world:+-native}" 0 '^readline: read "typed to a program"$' '^spin 3$'
	spun=$(grep -n '^spin 3$' <<<"$out" | cut -d: -f1)
	read_at=$(grep -n '^readline: read ' <<<"$out" | cut -d: -f1)
	if [ -n "$spun" ] && [ -n "$read_at" ] && [ "$spun" -lt "$read_at" ]; then
		pass "others-run-while-reading${world:+-native}"
	else
		fail "others-run-while-reading${world:+-native}" "spin did not finish before the line was read"
	fi
done
