#!/usr/bin/env bash
# The same Guest workloads in both worlds, in one run: on the Host and
# native, each in guest instructions (-icount shift=0: the TSC counts
# instructions) and in real time (TSC ticks), as ratios lguest/native; and
# the per-operation costs on the Host against the bare int/iret floor.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh
INITRD=$BUILD/initrd.cpio
# The TSC's rate, as the Host measured it: ticks into nanoseconds.
TSC_KHZ=$("$LGUEST" run --verbose --cmdline test=hello </dev/null 2>&1 | sed -n 's/.*TSC \([0-9]*\) kHz.*/\1/p')
ns() { awk -v t="$1" -v k="$TSC_KHZ" 'BEGIN { printf "%.0f", t * 1000000 / k }'; }

# ticks WORLD-FLAG ICOUNT(0|1) CMDLINE PATTERN: the number after PATTERN in
# the Guest's output (the sum, if several lines match).
ticks() {
	local extra=()
	[ "$2" = 1 ] && extra=(-icount shift=0,sleep=off)
	guest_output "${extra[@]}" -- $1 --initrd "$INITRD" --cmdline "$3" |
		grep -oE "$4 [0-9]+" | grep -oE '[0-9]+$' | awk '{s += $1} END {print s + 0}'
}

# compare NAME CMDLINE PATTERN OPS: both worlds, both measures.
compare() {
	local name=$1 cmd=$2 pat=$3 ops=$4 li ni lt nt
	li=$(ticks "" 1 "$cmd" "$pat"); ni=$(ticks --native 1 "$cmd" "$pat")
	lt=$(ticks "" 0 "$cmd" "$pat"); nt=$(ticks --native 0 "$cmd" "$pat")
	report "$name, instructions" "$(per "$li" 0 "$ops")" "insns" "$(ratio "$li" "$ni")" \
		"native: $(per "$ni" 0 "$ops") insns" "$5"
	report "$name, time" "$(ns "$(per "$lt" 0 "$ops")")" "ns" "$(ratio "$lt" "$nt")" \
		"native: $(ns "$(per "$nt" 0 "$ops")") ns" "$5"
	eval "${name//[^a-z]/_}_insns=$(per "$li" 0 "$ops")"
	eval "${name//[^a-z]/_}_ns=$(ns "$(per "$lt" 0 "$ops")")"
}

compare "boot to first program" "test=run run=first" "first: TSC" 1 "<= 1.5x"
compare "process create and exit" "test=spawn-bench count=50" "processes in" 50 "<= 1.2x"
compare "page fault (anonymous)" "test=run run=bench-fault" "in" 10000 "<= 1.2x"
compare "system call (getpid)" "test=run run=bench-syscall" "in" 10000 "1.0x"
compare "context switch (yield)" "test=run run=bench-yield-a,bench-yield-b" "in" 40000 "<= 1.5x"

# Timer ticks at 1 kHz for a second: how many arrive in each world.
lt=$(ticks "" 0 "test=clock hz=1000 ms=1000" "clock:"); nt=$(ticks --native 0 "test=clock hz=1000 ms=1000" "clock:")
report "1 kHz clock for 1 s, ticks delivered" "$lt" ticks "$(ratio "$lt" "$nt")" "native: $nt"

# A timer interrupt delivered (pending, then let in): both worlds.
compare "timer interrupt delivered" "test=irq-bench count=200" "delivered in" 200 ""

# The floor: a bare ring 1 -> 0 -> 1 int/iret on the Host, same run.
floor=$(guest_output -icount shift=0,sleep=off -- --cmdline "test=hcall-bench count=10000" |
	sed -n 's/.* int-iret \([0-9]*\).*/\1/p')
floor=$(per "$floor" 0 10000)
fl_t=$(guest_output -- --cmdline "test=hcall-bench count=10000" | sed -n 's/.* int-iret \([0-9]*\).*/\1/p')
floor_ns=$(ns "$(per "$fl_t" 0 10000)")
echo "per operation on the Host, against the int/iret floor ($floor insns, $floor_ns ns):"
for op in "system call (direct trap):system_call__getpid_" "context switch:context_switch__yield_" \
	  "page fault (demand-zero, by the Guest):page_fault__anonymous_" \
	  "timer interrupt delivered:timer_interrupt_delivered"; do
	label=${op%%:*} var=${op#*:}
	eval "i=\$${var}_insns t=\$${var}_ns"
	report "  $label" "$i" insns "$(ratio "$i" "$floor")" "int/iret; $t ns, $(ratio "$t" "$floor_ns")x in time"
done
