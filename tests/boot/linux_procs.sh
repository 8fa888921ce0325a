#!/usr/bin/env bash
# Linux is the oracle: user/family.c (fork, vfork, clone, execve, #!
# scripts, wait4's statuses, sessions) and user/signals.c (handler frames,
# sigreturn, masks, SA_RESTART against EINTR, a caught fault, stop and
# continue, sigsuspend, alarm) run on this machine and in the Guest, in
# both worlds; their outputs must be the same byte for byte (the kernel's
# own "[...]" lines and lguest's aside).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
B=${BUILD:-build}
INITRD=$B/initrd.tar

for prog in family signals; do
	want=$(cd "$B/initrd" && ./$prog 2>&1; echo "exit $?")
	for world in lguest native; do
		flag=; [ $world = native ] && flag=--native
		lg_run $flag --timeout "$TIMEOUT" --initrd "$INITRD" --cmdline "test=run run=$prog"
		got=$(grep -v -e '^lguest:' -e '^\[' <<<"$out"; echo "exit $rc")
		if [ "$got" = "$want" ]; then
			pass "$prog-as-linux-$world"
		else
			fail "$prog-as-linux-$world" "differs from Linux:" \
				"$(diff <(echo "$want") <(echo "$got") | head -20)"
		fi
	done
done
