#!/usr/bin/env bash
# A real QEMU, with tiny kernels as the Host: the console, the exit status,
# the timeout and a machine that dies all come back as they should.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

LGUEST_HOST="$fx/exit7.elf" lg_run "$fx/exit7.elf"
expect console-and-exit-status 7 '^guest: hi$'

start=$(date +%s)
LGUEST_HOST="$fx/loop.elf" lg_run --timeout 1 "$fx/loop.elf"
took=$(($(date +%s) - start))
expect timeout-ends-the-run 124 '^lguest: timed out after 1 s'
if [ "$took" -le 5 ]; then pass timeout-is-prompt; else fail timeout-is-prompt "took $took s"; fi
if pgrep -f "$fx/loop.elf" >/dev/null; then fail timeout-leaves-no-qemu "QEMU still runs"; else pass timeout-leaves-no-qemu; fi

LGUEST_HOST="$fx/triple.elf" lg_run --timeout 20 "$fx/triple.elf"
expect triple-fault-is-a-host-failure 102 'the machine stopped without an exit status'

# A signal ends QEMU too, and says so.
LGUEST_HOST="$fx/loop.elf" "$LGUEST" run "$fx/loop.elf" </dev/null >"$fx/sig.out" 2>&1 &
pid=$!
sleep 1
kill -TERM $pid
wait $pid; rc=$?
out=$(cat "$fx/sig.out")
expect sigterm-stops-the-run 143 'lguest: stopped by signal 15'
sleep 0.5
if pgrep -f "$fx/loop.elf" >/dev/null; then fail sigterm-leaves-no-qemu "QEMU still runs"; else pass sigterm-leaves-no-qemu; fi

# On a terminal: raw while the Guest runs, restored afterwards, and the
# Guest gets what is typed.  script(1) gives us a terminal to watch.
if command -v script >/dev/null && command -v stty >/dev/null; then
	out=$(script -qec "stty -a | grep -o ' icanon'; LGUEST_HOST='$fx/exit7.elf' '$LGUEST' run '$fx/exit7.elf'; echo rc=\$?; stty -a | grep -o ' icanon'" /dev/null </dev/null 2>&1)
	rc=0
	expect tty-restored-after-run 0 'rc=7' "the Guest has this terminal, Ctrl-C included; Ctrl-A x ends the run"
	if [ "$(grep -c ' icanon' <<<"$out")" = 2 ]; then pass tty-canonical-again; else fail tty-canonical-again "terminal not restored"; fi
else
	echo "skip tty-restored-after-run (no script or stty)"
fi
