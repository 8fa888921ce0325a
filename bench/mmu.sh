#!/usr/bin/env bash
# The shadow page tables' numbers (guest/test/mm_tests.c, "test=mmu-bench"):
#   a page fault the Host fixes alone (demand paging), against the floor
#   of any trip through ring 0 and against a null hypercall;
#   a switch between two cached Guest address spaces;
#   page-table updates in lazy batches of 64, against one hypercall each;
#   the Host's memory beyond the Guest's RAM under a flood of page
#   directories, against the 4 MiB it may use.
# Instructions with -icount shift=0 (the difference of two loop lengths
# cancels the set-up); time from the TSC, turned into nanoseconds by the
# wall clock of the same runs.  A page fault reflected to the Guest (its
# own handler steps over the load) is measured once the Guest can take
# traps ("test=mmu-reflect"); until then that line says so.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh

# guest_run EXTRA-QEMU-ARGS -- GUEST-CMDLINE: the Guest's output (and the
# Host's log, with VERBOSE=1), run as the lguest command would.
guest_run() {
	local extra=()
	while [ "$1" != "--" ]; do extra+=("$1"); shift; done
	guest_output "${extra[@]}" -- ${VERBOSE:+--verbose} --cmdline "$2"
}

# field LINE NAME: the number after NAME in an mmu-bench line.
field() { sed -n "s/.* $2 \([0-9]*\).*/\1/p" <<<"$1"; }
bench_line() { guest_run "$@" | grep 'mmu-bench:'; }

# 1. Instructions.
N1=1024 N2=5120
l1=$(bench_line -icount shift=0 -- "test=mmu-bench count=$N1")
l2=$(bench_line -icount shift=0 -- "test=mmu-bench count=$N2")
insns() { per "$(field "$l2" "$1")" "$(field "$l1" "$1")" $((N2 - N1)); }
fault_i=$(insns demand-fault) int_i=$(insns int-iret) floor_i=$(insns floor)
hcall_i=$(insns hypercall) switch_i=$(insns switch)
batch_i=$(insns batched-update) sync_i=$(insns sync-update)

# 2. Time: TSC ticks per operation (the median of $RUNS runs each), and
#    the nanoseconds a tick is worth: the wall-clock difference between a
#    long run and an empty one over the difference of their total ticks.
N=10240
declare -A ticks
lines=() walls=() walls0=() totals0=()
for ((i = 0; i < RUNS; i++)); do
	t0=$(now_ns); line=$(bench_line -- "test=mmu-bench count=$N"); t1=$(now_ns)
	lines+=("$line"); walls+=($((t1 - t0)))
	t0=$(now_ns); line0=$(bench_line -- "test=mmu-bench count=0"); t1=$(now_ns)
	walls0+=($((t1 - t0))); totals0+=("$(field "$line0" total)")
done
for f in demand-fault int-iret floor hypercall switch batched-update sync-update total; do
	vals=()
	for line in "${lines[@]}"; do vals+=("$(field "$line" "$f")"); done
	ticks[$f]=$(median "${vals[@]}")
done
ns_per_tick=$(awk -v w="$(median "${walls[@]}")" -v w0="$(median "${walls0[@]}")" \
	-v t="${ticks[total]}" -v t0="$(median "${totals0[@]}")" \
	'BEGIN { printf "%.6f", (w - w0) / (t - t0) }')
ns() { awk -v t="${ticks[$1]}" -v k="$ns_per_tick" -v n=$N 'BEGIN { printf "%.0f", t * k / n }'; }
fault_ns=$(ns demand-fault) int_ns=$(ns int-iret) floor_ns=$(ns floor)
hcall_ns=$(ns hypercall) switch_ns=$(ns switch)
batch_ns=$(ns batched-update) sync_ns=$(ns sync-update)
# Each ratio is taken within one run (one machine's mood), then the median
# over the runs: steadier than a ratio of medians.
tratio() {	# tratio A B: the median over the runs of A / B
	local line vals=()
	for line in "${lines[@]}"; do
		vals+=("$(ratio "$(field "$line" "$1")" "$(field "$line" "$2")")")
	done
	median "${vals[@]}"
}

report "demand fault, instructions" "$fault_i" insns "$(ratio "$fault_i" "$hcall_i")" \
	"null hypercall, $hcall_i insns; int/iret + 2 cr3 $floor_i"
report "demand fault, time" "$fault_ns" ns "$(tratio demand-fault floor)" \
	"int/iret + 2 cr3, $floor_ns ns" "<= 2x the ring-0 page-fault floor"
report "demand fault vs null hypercall" "$fault_ns" ns "$(tratio demand-fault hypercall)" \
	"null hypercall, $hcall_ns ns"
report "demand fault vs int/iret alone" "$fault_ns" ns "$(tratio demand-fault int-iret)" \
	"int/iret, $int_ns ns"
# The demand fault against a fault the Host hands back to the Guest.
r1=$(guest_run -icount shift=0 -- "test=mmu-reflect count=$N1" | grep 'mmu-reflect:')
if grep -q reflected-fault <<<"$r1"; then
	r2=$(guest_run -icount shift=0 -- "test=mmu-reflect count=$N2" | grep 'mmu-reflect:')
	reflect_i=$(per "$(field "$r2" reflected-fault)" "$(field "$r1" reflected-fault)" $((N2 - N1)))
	rl=$(guest_run -- "test=mmu-reflect count=$N" | grep 'mmu-reflect:')
	reflect_ticks=$(field "$rl" reflected-fault)
	reflect_ns=$(awk -v t="$reflect_ticks" -v k="$ns_per_tick" -v n=$N 'BEGIN { printf "%.0f", t * k / n }')
	report "demand fault vs reflected, insns" "$fault_i" insns "$(ratio "$fault_i" "$reflect_i")" \
		"a fault reflected to the Guest, $reflect_i insns"
	report "demand fault vs reflected, time" "$fault_ns" ns "$(ratio "$fault_ns" "$reflect_ns")" \
		"a fault reflected to the Guest, $reflect_ns ns"
else
	printf '%-34s %s\n' "demand fault vs reflected:" "not measured (${r1#mmu-reflect: })"
fi
report "address-space switch, instructions" "$switch_i" insns "$(ratio "$switch_i" "$hcall_i")" \
	"null hypercall, $hcall_i insns"
report "address-space switch, time" "$switch_ns" ns "$(tratio switch hypercall)" \
	"null hypercall, $hcall_ns ns"
report "page-table update in a batch of 64" "$batch_ns" ns "$(tratio batched-update sync-update)" \
	"one hypercall each, $sync_ns ns" "<= 0.1x"
report "  the same, instructions" "$batch_i" insns "$(ratio "$batch_i" "$sync_i")" \
	"one hypercall each, $sync_i insns"

# 3. Host memory beyond the Guest's RAM, at its worst: a Guest making page
#    directories without end, each with 300 page tables.  The Host's image
#    plus every page it took from its pool.
log=$(VERBOSE=1 guest_run -- "test=hostile-pgdir-flood count=30 regions=300")
pool=$(sed -n 's/.*Host pool \([0-9]*\) pages.*/\1/p' <<<"$log" | tail -1)
read -r start end < <(sed -n 's/.*Host image 0x\([0-9a-f]*\)-0x\([0-9a-f]*\),.*/\1 \2/p' <<<"$log")
image=$(( (0x$end - 0x$start) / 1024 ))
host_kib=$((pool * 4 + image))
report "Host memory, page-directory flood" "$host_kib" KiB "$(ratio "$host_kib" 4096)" \
	"4 MiB; $pool pool pages + $image KiB image" "<= 1x"
