#!/usr/bin/env bash
# Copy-on-write fork (mm/vm.c): user/cow.c writes in parent, child and
# grandchild, through the kernel too, and across mprotect; each must see
# its own data.  Linux is the oracle: the program runs on this machine
# and in the Guest, in both worlds, and the outputs must be the same.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
B=${BUILD:-build}
INITRD=$B/initrd.cpio

want=$(cd "$B/initrd" && ./cow 2>&1; echo "exit $?")
for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	lg_run $flag --timeout "$TIMEOUT" --initrd "$INITRD" --cmdline "test=run run=cow"
	got=$(printf '%s\n' "$stdout"; echo "exit $rc")
	if grep -q '^cow: done$' <<<"$got"; then
		same_as_linux "cow-fork-as-linux-$world" "$want" "$got"
	else
		fail "cow-fork-as-linux-$world" "cow did not finish"
	fi
done
