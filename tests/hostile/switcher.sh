#!/usr/bin/env bash
# The Switcher's failsafe (host/core/switcher.S): a fault on its way into
# the Guest (a segment pop, the iret) kills the Guest with a message; it
# never loops.  No Guest can make the Switcher fault (the Host checks what
# it loads), so the Host's own "hosttest=switcher-fault" makes it, as only
# a Host bug could: %gs past the end of the GDT, the checks told it passed.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

cmd=$("$LGUEST" run --dry-run --cmdline "test=hello" |
	sed "s/-append mem=\([0-9]*\)/-append 'mem=\1 hosttest=switcher-fault'/")
out=$(eval "timeout $TIMEOUT $cmd" </dev/null 2>&1)
rc=$?
# QEMU's status for a Host that ends with 101 (killed):
# (LGUEST_EXIT_PORT_VALUE(101) << 1 | 1) & 255.
expect switcher-fault-kills 205 'hosttest: entering the Guest with %gs 0xfff8' \
	'Guest killed: general protection fault \(trap 13\) in the Switcher at 0xffc0[0-9a-f]+, on its way into the Guest'
if grep -q "Hello" <<<"$out"; then
	fail switcher-fault-never-runs-the-guest "the Guest ran"
else
	pass switcher-fault-never-runs-the-guest
fi
