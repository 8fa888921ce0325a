#!/usr/bin/env bash
# Linux is the oracle: user/family.c (fork, vfork, clone, execve, #!
# scripts, wait4's statuses, sessions) and user/signals.c (handler frames,
# sigreturn, masks, SA_RESTART against EINTR, a caught fault, stop and
# continue, sigsuspend, alarm) and user/execargs.c (execve's argument
# limits, E2BIG and EFAULT) run on this machine and in the Guest, in
# both worlds; their outputs must be the same byte for byte (the kernel's
# own "[...]" lines and lguest's, on stderr, aside).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
B=${BUILD:-build}
INITRD=$B/initrd.cpio

for prog in family signals execargs; do
	want=$(cd "$B/initrd" && ./$prog 2>&1; echo "exit $?")
	for world in lguest native; do
		flag=; [ $world = native ] && flag=--native
		lg_run $flag --timeout "$TIMEOUT" --initrd "$INITRD" --cmdline "test=run run=$prog"
		same_as_linux "$prog-as-linux-$world" "$want" "$(printf '%s\n' "$stdout"; echo "exit $rc")"
	done
done

# PID 1 from the file system (proc_start_init, as the boot starts /init),
# and the limits: a fork bomb meets EAGAIN and gives back every page once
# reaped, a memory hog dies of SIGKILL and its memory comes back, an
# orphan is PID 1's to reap.
for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	lg_run $flag --timeout "$TIMEOUT" --initrd "$INITRD" --cmdline "test=init init=limits"
	expect "limits-as-pid-1-$world" 0 '^fork past the limit gave -11$' \
		'^MemFree after a second fork bomb: unchanged$' \
		'out of memory at 0x[0-9a-f]+: killed\]' \
		'^memory hog.s status 9$' '^orphan reaped by PID 1: status 1536$' \
		'^guest: \[limits \(pid 1\) exited with status 0\]'
	[ "$(grep -c "^memory hog's status 9$" <<<"$out")" = 2 ] && pass "memory-comes-back-$world" ||
		fail "memory-comes-back-$world" "the second hog did not get as far"
done
