#!/usr/bin/env bash
# Traps and interrupts, in both worlds: faults handled and resumed, a page
# fault's address, the interrupt flag holding the timer off, halt, clock
# events, and system calls straight from ring 3.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	for t in trap-divide trap-int3 trap-page-fault irq-flag halt; do
		lg_run $flag --timeout "$TIMEOUT" --cmdline "test=$t"
		expect "$t-$world" 0 "^guest: $t: ok"
	done
	lg_run $flag --timeout "$TIMEOUT" --cmdline "test=syscall count=100"
	expect "syscall-$world" 0 '^guest: syscall: 101 system calls from ring 3 reached the kernel'
	# 1 kHz for 200 ms, each event armed from the last one's handler:
	# never more than 200 arrive, and many do.  Each comes late by QEMU's
	# latency in delivering it, which on a loaded machine is most of a
	# millisecond (140-170 arrive with four busy programs beside, 88 once):
	# at least a quarter.
	lg_run $flag --timeout "$TIMEOUT" --cmdline "test=clock hz=1000 ms=200"
	n=$(grep -oE '^guest: clock: [0-9]+' <<<"$out" | grep -oE '[0-9]+$')
	if [ "$rc" = 0 ] && [ -n "$n" ] && [ "$n" -ge 50 ] && [ "$n" -le 201 ]; then
		pass "clock-1khz-$world"
	else
		fail "clock-1khz-$world" "status $rc, $n ticks (want 50 to 201)"
	fi
done

# A system call from ring 3 never reaches the Host: a thousand more cost
# no more exits (the Host counts them, apart from its own tick).
exits() { grep -oE '[0-9]+ exits' <<<"$out" | grep -oE '[0-9]+'; }
lg_silent_input
lg_run --verbose --timeout "$TIMEOUT" --cmdline "test=syscall count=0"
e0=$(exits)
lg_run --verbose --timeout "$TIMEOUT" --cmdline "test=syscall count=1000"
e1=$(exits)
if [ -n "$e0" ] && [ "$e0" = "$e1" ]; then pass syscall-is-a-direct-trap
else fail syscall-is-a-direct-trap "exits $e0 for none, $e1 for 1000 system calls"; fi

# The Host's tick: a Guest spinning with interrupts off for a second is
# still interrupted by the Host, about a hundred times.
lg_run --verbose --timeout "$TIMEOUT" --cmdline "test=hostile-spin"
n=$(grep -oE '[0-9]+ machine interrupts' <<<"$out" | grep -oE '^[0-9]+')
if [ "$rc" = 0 ] && [ -n "$n" ] && [ "$n" -ge 50 ]; then pass host-tick-preempts
else fail host-tick-preempts "status $rc, $n machine interrupts in a second (want 50 or more)"; fi

# An interrupt storm: clock events re-armed as fast as asked are held to
# the Host's minimum interval (10 us), and the Guest still runs.
lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-interrupt-storm"
n=$(grep -oE '[0-9]+ interrupts in 500 ms' <<<"$out" | grep -oE '^[0-9]+')
if [ "$rc" = 0 ] && [ -n "$n" ] && [ "$n" -ge 1 ] && [ "$n" -le 50000 ]; then
	pass interrupt-storm-bounded
else
	fail interrupt-storm-bounded "status $rc, $n interrupts in 500 ms (want 1 to 50000)"
fi

# The same, seen from QEMU: its log of interrupts and of newly translated
# code shows what ran right after a program's first "int $0x80" (vector
# 0x80, cpl 3).  Taken directly, it is the Guest kernel's own stub, run for
# the first time (0xc0...); through the Host it would be the Switcher's
# (0xffc0...).
log=$(mktemp)
cmd=$("$LGUEST" run --dry-run --cmdline "test=syscall count=3")
eval "timeout $TIMEOUT $cmd -d int,in_asm -D $log" </dev/null >/dev/null 2>&1
after=$(awk '/v=80 .*cpl=3/ { seen = 1; next } seen && /^0x/ { print $1; exit }' "$log")
rm -f "$log"
case $after in
0xc0*) pass syscall-skips-the-switcher ;;
*) fail syscall-skips-the-switcher "after int \$0x80 QEMU ran ${after:-nothing}, not the Guest kernel's stub" ;;
esac
