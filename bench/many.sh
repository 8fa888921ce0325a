#!/usr/bin/env bash
# Many Guests on one Host (docs/10-many-guests.md), each number against a
# baseline measured in this run:
#   1. a switch to another Guest, against a trip that runs the same Guest
#      again and against a null hypercall.  Guests that yield
#      (LHCALL_YIELD, test=yield-bench) make the Host's scheduler pick the
#      next Guest each time: two of them alternate, so every yield is a
#      switch to the other Guest (the CPU's last_pages misses: registers,
#      FPU registers and GDT put aside and taken in); one alone is
#      scheduled again at once (last_pages hits).  Each Guest's loop of N
#      yields spans its own N yields and the other's N, so 2N switches.
#      The Host's own count of switches checks that they did alternate.
#   2. one workload (test=spawn-bench: processes created and run to their
#      exit, page tables, faults and hypercalls through the Host) run by 1,
#      2, 4 and 8 Guests at once: their total throughput against one
#      Guest's, target >= 0.9x whatever the count.
#   3. the Host's memory for each Guest beyond its RAM, as the Host reports
#      it in the runs of part 2: its page pool's high-water mark (shadow page
#      tables and the like) and the distance between Guests' RAM (guard
#      pages); with the per-Guest arrays in the Host's image (nm) and what
#      QEMU is given for each (lguest run --dry-run).
# Each Guest sleeps until "start_ms" after the machine started (the TSC
# counts from 0 there), so Guests that boot one after another start their
# work together, and boots are no part of what is timed.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh
INITRD=$BUILD/initrd.cpio
MEM=16M
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# start_ms N: late enough for N Guests to have booted on a loaded machine
# (8 boot in 30-160 ms here); a Guest that boots later says so.
start_ms() { echo $((100 + 40 * $1)); }

# many N CMDLINE [EXTRA-QEMU-ARGS...]: the output of N Guests run at once,
# each of MEM with the initrd, every one with CMDLINE and start_ms, and
# the Host's log.
many() {
	local n=$1 cmd=$2 i console args=()
	shift 2
	for ((i = 0; i < n; i++)); do
		console=
		[ $i -gt 0 ] && console="console=$tmp/c$i,"
		args+=(--guest "g$i:mem=$MEM,${console}initrd=$INITRD,cmdline=$cmd start_ms=$(start_ms "$n")")
	done
	guest_output "$@" -- --verbose "${args[@]}"
}

# late OUTPUT NAME: fail loudly if a Guest booted after start_ms.
late() {
	if grep -qa 'booted late' <<<"$1"; then
		echo "$2: $(grep -a 'booted late' <<<"$1" | head -1): start_ms too early" >&2
		exit 1
	fi
}

# yield_ticks N GUESTS [EXTRA...]: the mean over the Guests of the ticks
# their N yields took; exits if any was switched to fewer than N times
# when there were several.
yield_ticks() {
	local n=$1 g=$2 out sw
	shift 2
	out=$(many "$g" "test=yield-bench count=$n" "$@")
	late "$out" yield-bench
	if [ "$g" -gt 1 ]; then
		sw=$(sed -n 's/.*guest [0-9]* ended: status 0, [0-9]* TSC cycles, \([0-9]*\) switches.*/\1/p' <<<"$out" | sort -n | head -1)
		if [ "$(grep -ac 'ended: status 0' <<<"$out")" != "$g" ] || [ "${sw:-0}" -lt "$n" ]; then
			echo "yield-bench: the Guests did not alternate (fewest switches: ${sw:-none})" >&2
			exit 1
		fi
	fi
	grep -ao 'yield-bench: [0-9]* yields in [0-9]*' <<<"$out" | awk '{ s += $5 } END { if (NR) printf "%d", s / NR }'
}

# 1. Switches.  Instructions (-icount shift=0: the TSC counts them, and
#    the difference of two loop lengths cancels the rest of the run).
IC=(-icount shift=0,sleep=off)
N1=2000 N2=6000
same_i=$(per "$(yield_ticks $N2 1 "${IC[@]}")" "$(yield_ticks $N1 1 "${IC[@]}")" $((N2 - N1)))
switch_i=$(per "$(yield_ticks $N2 2 "${IC[@]}")" "$(yield_ticks $N1 2 "${IC[@]}")" $((2 * (N2 - N1))))
hb() { guest_output "${IC[@]}" -- --cmdline "test=hcall-bench count=$1" | sed -n 's/.* hypercall \([0-9]*\).*/\1/p'; }
null_i=$(per "$(hb $N2)" "$(hb $N1)" $((N2 - N1)))
report "switch to another Guest, insns" "$switch_i" insns "$(ratio "$switch_i" "$same_i")" \
	"the same Guest again, $same_i insns"
report "  against a null hypercall" "$switch_i" insns "$(ratio "$switch_i" "$null_i")" \
	"null hypercall, $null_i insns"

# Time: TSC ticks (cycles) per switch, the median of $RUNS runs of each;
# the ratios taken within each round of three runs (the machine's load
# drifts), then their median.
N=4000
same=() switch=() null=() r_same=() r_null=()
for ((r = 0; r < RUNS; r++)); do
	same+=("$(per "$(yield_ticks $N 1)" 0 $N)")
	switch+=("$(per "$(yield_ticks $N 2)" 0 $((2 * N)))")
	null+=("$(per "$(guest_output -- --cmdline "test=hcall-bench count=$N" |
		sed -n 's/.* hypercall \([0-9]*\).*/\1/p')" 0 $N)")
	r_same+=("$(ratio "${switch[r]}" "${same[r]}")")
	r_null+=("$(ratio "${switch[r]}" "${null[r]}")")
done
same_t=$(median "${same[@]}") switch_t=$(median "${switch[@]}") null_t=$(median "${null[@]}")
report "switch to another Guest, time" "$switch_t" cycles "$(median "${r_same[@]}")" \
	"the same Guest again, $same_t cycles"
report "  against a null hypercall" "$switch_t" cycles "$(median "${r_null[@]}")" \
	"null hypercall, $null_t cycles"

# 2. Throughput: COUNT processes in each Guest.  Each Guest says when its
#    work began and how long it took; N Guests' work spans from the first
#    start to the last end, and their throughput against one Guest's is
#    N x (one Guest's time) / (that span).  Each run of N sits between two
#    runs of one, and is measured against their mean (the machine's load
#    drifts); then the median over the rounds.
#    Once more in guest instructions (-icount): what the Host and the
#    Guests execute, without QEMU's own costs (it translates each Guest's
#    copy of the kernel and programs anew, at its own physical addresses).
COUNT=300
# span OUTPUT: from the first Guest's start to the last one's end, in ticks.
span() {
	grep -ao 'spawn-bench: [0-9]* processes in [0-9]* TSC ticks, from TSC [0-9]*' <<<"$1" |
		awk '{ s = $9; e = $9 + $5; if (NR == 1 || s < lo) lo = s; if (e > hi) hi = e }
		     END { if (NR) print hi - lo }'
}
# spawn N [EXTRA...]: the span of N Guests' work in $sp; their output in
# log[N] (not run in a subshell: it sets both).
declare -a log
spawn() {
	local n=$1 out
	shift
	out=$(many "$n" "test=spawn-bench count=$COUNT" "$@")
	late "$out" spawn-bench
	if [ "$(grep -ac 'spawn-bench: ' <<<"$out")" != "$n" ]; then
		echo "spawn-bench: not every one of $n Guests finished" >&2
		exit 1
	fi
	log[$n]=$out
	sp=$(span "$out")
}
# throughput RATIOS-ARRAY [EXTRA...]: one round: 1, 2, 1, 4, 1, 8, 1
# Guests, each N's ratio appended to RATIOS-ARRAY[N].
declare -A tput tput_i
declare -a ones
throughput() {
	local -n into=$1
	local n s before after
	shift
	spawn 1 "$@"
	before=$sp
	for n in 2 4 8; do
		spawn $n "$@"
		s=$sp
		spawn 1 "$@"
		after=$sp
		into[$n]+=" $(awk -v n=$n -v a="$before" -v b="$after" -v s="$s" \
			'BEGIN { printf "%.3f", n * (a + b) / 2 / s }')"
		ones+=("$after")
		before=$after
	done
}
throughput tput_i "${IC[@]}"
for ((r = 0; r < RUNS; r++)); do
	throughput tput
done
tsc_khz=$(sed -n 's/.*TSC \([0-9]*\) kHz.*/\1/p' <<<"${log[1]}")
echo "one Guest's $COUNT processes: $(awk -v t="$(median "${ones[@]:3}")" -v k="$tsc_khz" \
	'BEGIN { printf "%.0f", t / k }') ms; N Guests at once, each doing the same:"
for n in 2 4 8; do
	# shellcheck disable=SC2086
	t=$(median ${tput[$n]})
	verdict=$(awk -v t="$t" 'BEGIN { print (t >= 0.9) ? "met" : "MISSED" }')
	report "  $n Guests, total throughput" "$t" x "$t" \
		"one Guest's; in guest instructions${tput_i[$n]}x" ">= 0.9x: $verdict"
done

# 3. Host memory for each Guest beyond its RAM, from the runs above: the
#    pool's high-water mark at the end (pages), with 1 and with 8 Guests,
#    and the distance between consecutive Guests' RAM less their RAM.
pool() { sed -n 's/.*Host pool \([0-9]*\) pages.*/\1/p' <<<"$1" | sort -n | tail -1; }
p1=$(pool "${log[1]}") p8=$(pool "${log[8]}")
pool_kib=$(awk -v a="$p1" -v b="$p8" 'BEGIN { printf "%.0f", (b - a) * 4 / 7 }')
ram_kib=$(( $(numfmt --from=iec "$MEM") / 1024 ))
guard_kib=$(sed -n 's/.*Guest RAM [0-9]* MiB at 0x\([0-9a-f]*\) (Guest.*/\1/p' <<<"${log[8]}" |
	while read -r hex; do echo $((16#$hex / 1024)); done |
	awk -v ram="$ram_kib" '{ if (NR > 1) { s += prev - $1 - ram; n++ } prev = $1 }
		END { if (n) printf "%.0f", s / n }')
# The Host's image holds every Guest's state, LGUEST_MAX_GUESTS of each
# array, whether they run or not: the arrays' share of one Guest.
static_kib=$(nm -S -t d "$BUILD/host.elf" |
	awk '$4 ~ /^(guests|guest_devices|links|devices\.[0-9]+|img\.[0-9]+)$/ { s += $2 }
	     END { printf "%.1f", s / 8 / 1024 }')
read -r start end < <(sed -n 's/.*Host image 0x\([0-9a-f]*\)-0x\([0-9a-f]*\),.*/\1 \2/p' <<<"${log[1]}")
host1_kib=$(( (0x$end - 0x$start) / 1024 + p1 * 4 ))
extra_kib=$((pool_kib + guard_kib))
report "Host memory per extra Guest" "$extra_kib" KiB "$(ratio "$extra_kib" "$host1_kib")" \
	"the Host with one Guest, $host1_kib KiB (image + pool); $pool_kib KiB pool + $guard_kib KiB guard pages" "<= 4 MiB"
qm() { "$LGUEST" run --dry-run "$@" | grep -o -- '-m [0-9]*' | cut -d' ' -f2; }
m1=$(qm --guest "a:mem=$MEM,initrd=$INITRD") m2=$(qm --guest "a:mem=$MEM,initrd=$INITRD" --guest "b:mem=$MEM,initrd=$INITRD")
printf '%-34s %s\n' "  besides:" "$static_kib KiB of state a Guest in the Host's image (for all 8, used or not);"
printf '%-34s %s\n' "" "QEMU is given $((m2 - m1 - ram_kib / 1024)) MiB beyond each extra Guest's RAM (pool reserve, modules)"
