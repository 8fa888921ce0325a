# The chaos Guest's verdict on one seed (guest/hostile/chaos.c), shared by
# tests/hostile/chaos.sh (a fixed set of seeds) and tools/chaos (make chaos).
# A run may end four ways, each its own answer: the Host killed the Guest
# with a message (101), the Guest's kernel crashed with its own (100, a
# random gate or page table can break it), a random LHCALL_SHUTDOWN powered
# it off (0-99), or its time ran out (0, "its time is up").  Anything else
# (a Host panic, a broken invariant, the timeout, QEMU failing) is a
# finding.
CHAOS_MS=${CHAOS_MS:-1000}

chaos_img=$(mktemp)
trap 'rm -f "$chaos_img"' EXIT
head -c 32768 /dev/zero >"$chaos_img"

# chaos_seed SEED: sets $why to "" when the run ended one of the ways above.
chaos_seed() {
	lg_run --timeout "$TIMEOUT" --disk "$chaos_img" \
		--cmdline "test=chaos seed=$1 ms=$CHAOS_MS"
	why=
	if grep -Eq "Host panic|invariant|QEMU failed|timed out" <<<"$out"; then
		why=$(grep -Em1 "Host panic|invariant|QEMU failed|timed out" <<<"$out")
	elif ! grep -q "chaos: seed $1\$" <<<"$out"; then
		why="the chaos Guest never started"
	elif [ "$rc" = 101 ]; then
		grep -q "Guest killed: ." <<<"$out" || why="killed with no message"
	elif [ "$rc" = 100 ]; then
		grep -q "Guest crashed: ." <<<"$out" || why="crashed with no message"
	elif [ "$rc" -gt 100 ]; then
		why="exit status $rc"
	fi
	[ -z "$why" ] || why+=" (last step: $(grep -o 'chaos [0-9]*: .*' <<<"$out" | tail -n 1))"
}
