#!/usr/bin/env bash
# The chaos Guest on a fixed set of seeds: each run must end with the
# Guest killed or crashed with a message, powered off, or its time up;
# never a Host panic, a broken invariant or a hang (tests/chaos.bash).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
TIMEOUT=${CHAOS_TIMEOUT:-15}
. tests/chaos.bash

for seed in 1 2 3 4 5 6 7 8 9 10 11 12; do
	chaos_seed "$seed"
	if [ -z "$why" ]; then
		pass "chaos-seed-$seed"
	else
		fail "chaos-seed-$seed" "$why"
	fi
done
