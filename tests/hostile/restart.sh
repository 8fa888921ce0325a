#!/usr/bin/env bash
# A restart loop that carries state (guest/hostile/restart_hostile.c): 300
# boots in a row, each leaving TS set, a clock event in flight, a GDT entry,
# an IDT gate, a trap stack and 63 stale calls in the async ring (each a
# power-off with status 77) behind its restart; each next boot checks it
# found none of it.  The last ends itself with "hlt", having said so.  The
# Host's memory must last the whole loop: no panic, no broken invariant.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-restart boots=300"
if grep -Eq "Host panic|invariant" <<<"$out"; then
	fail restart-loop-300-boots-each-fresh "the Host failed"
else
	expect restart-loop-300-boots-each-fresh 101 'boot 299 is fresh' \
		'300 boots, each fresh: checked, ending with hlt' \
		'Guest killed: privileged instruction hlt'
fi
