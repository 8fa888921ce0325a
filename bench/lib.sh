# Shared by the benchmarks.  Every benchmark measures the project and its
# baseline in the same run and prints the ratio: the machines are shared
# and noisy, so only ratios and instruction counts mean anything.
BUILD=${BUILD:-build}
LGUEST=${LGUEST:-$BUILD/lguest}
RUNS=${RUNS:-5}

# now_ns: wall clock in nanoseconds.
now_ns() { date +%s%N; }

# median N...: the median of the numbers.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# wall_ns CMD...: nanoseconds one run of CMD took (its output discarded).
wall_ns() {
	local t0 t1
	t0=$(now_ns); "$@" >/dev/null 2>&1 </dev/null; t1=$(now_ns)
	echo $((t1 - t0))
}

# median_wall_ns CMD...: the median over $RUNS runs.
median_wall_ns() {
	local i times=()
	for ((i = 0; i < RUNS; i++)); do times+=("$(wall_ns "$@")"); done
	median "${times[@]}"
}

# qemu_cmd LGUEST-ARGS...: the QEMU command lguest would run, as a string.
qemu_cmd() { "$LGUEST" run --dry-run "$@"; }

# guest_output EXTRA-QEMU-ARGS -- LGUEST-ARGS...: run QEMU as lguest would,
# with extra QEMU arguments (e.g. -icount shift=0), and print its output.
guest_output() {
	local extra=()
	while [ "$1" != "--" ]; do extra+=("$1"); shift; done
	shift
	eval "$(qemu_cmd "$@") ${extra[*]}" </dev/null 2>&1
}

# ratio A B: A/B to two places.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f", a / b }'; }
# per A B N: (A - B) / N, to one place.
per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.1f", (a - b) / n }'; }

# report NAME VALUE UNIT RATIO BASELINE [TARGET]
report() {
	printf '%-34s %10s %-6s (%sx %s%s)\n' "$1:" "$2" "$3" "$4" "$5" "${6:+; target $6}"
}
