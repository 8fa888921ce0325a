#!/usr/bin/env bash
# Processes from the initrd (user/*.c, static Linux i386 programs), in both
# worlds: system calls, memory, TLS, taking turns, preemption by the timer,
# the FPU across switches, and a process killed for a bad access while
# another finishes.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
INITRD=${BUILD:-build}/initrd.cpio

run() {	# run WORLD-FLAG PROGRAMS
	lg_run $1 --timeout "$TIMEOUT" --initrd "$INITRD" --cmdline "test=run run=$2"
}

for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	run "$flag" hello
	expect "hello-exit-status-$world" 7 '^hello from ring 3, I am hello, pid 2$' \
		'^guest: \[hello \(pid 2\) exited with status 7\]'
	run "$flag" hello,hello
	expect "two-pids-$world" 7 'I am hello, pid 2$' 'I am hello, pid 3$'
	run "$flag" memory
	expect "brk-and-mmap-$world" 0 '^brk grew by 12388$' '^memory: brk and mmap ok$' \
		'^memory: bad pointers get -EFAULT$'
	run "$flag" tls
	expect "tls-$world" 0 '^tls: entry 8 works through %gs$'
	# Each prints its letter and yields, five times.  The timer may take
	# the CPU between a write and its yield (under load a write to the
	# console spans milliseconds of the Guest's clock), which puts two
	# letters side by side once; a sched_yield that did not switch puts
	# all five side by side.  So: five each, and at least six of the nine
	# neighbours differ.
	run "$flag" yield-a,yield-b
	turns=$(grep -oE '^[ab]{10}' <<<"$out")
	changes=0
	for ((i = 1; i < ${#turns}; i++)); do
		[ "${turns:i:1}" != "${turns:i-1:1}" ] && changes=$((changes + 1))
	done
	if [ "$rc" = 0 ] && [ "$(tr -cd a <<<"$turns" | wc -c)" = 5 ] && [ "$changes" -ge 6 ]; then
		pass "yield-takes-turns-$world"
	else
		fail "yield-takes-turns-$world" "status $rc; the letters came as '$turns', $changes turns"
	fi
	run "$flag" fpu-a,fpu-b
	expect "fpu-survives-switches-$world" 0 '^fpu-a: x87 and SSE state survived$' \
		'^fpu-b: x87 and SSE state survived$'
	run "$flag" hello,segv
	expect "segv-kills-only-the-offender-$world" 7 \
		'^guest: \[segv \(pid 3\) touched 0x1234 at eip 0x[0-9a-f]+: segmentation fault\]' \
		'^guest: \[hello \(pid 2\) exited with status 7\]' '^guest: \[segv \(pid 3\) exited with status 139\]'
	# Two programs that never yield both progress: the timer preempts.
	run "$flag" spin-a,spin-b
	order=$(grep -oE '^spin-[ab] [123]$' <<<"$out" | cut -c6 | tr -d '\n')
	if [ "$rc" = 0 ] && [ ${#order} = 6 ] && [ "$order" != aaabbb ] &&
	   [ "$order" != bbbaaa ]; then
		pass "preemption-$world"
	else
		fail "preemption-$world" "status $rc; the reports came in the order $order"
	fi
done

lg_run --timeout "$TIMEOUT" --initrd "$INITRD" --cmdline "test=run run=nothing-here"
expect missing-program 100 'Guest crashed: run: cannot start nothing-here'

# On the Host a switch between processes is one world switch: the stack,
# TLS and TS wait in the async ring for the page-table switch.  Two
# programs yielding to each other 10000 times each make 20000 switches;
# two world switches each would be 40000 exits.
lg_silent_input
lg_run --verbose --timeout "$TIMEOUT" --initrd "$INITRD" --cmdline "test=run run=bench-yield-a,bench-yield-b"
e=$(grep -oE '[0-9]+ exits' <<<"$out" | grep -oE '[0-9]+')
if [ "$rc" = 0 ] && [ -n "$e" ] && [ "$e" -ge 20000 ] && [ "$e" -le 24000 ]; then
	pass switch-is-one-world-switch
else
	fail switch-is-one-world-switch "status $rc, $e exits for 20000 switches (want 20000 to 24000)"
fi

# Creating a process and reaping it costs few world switches on the Host:
# its page tables are built in one batch, the trap gates set once.  Fifty
# more processes must cost at most 8 exits each (a switch there and back,
# two batches, the clock armed and cancelled, two faults the Host fixes).
spawn_exits() {
	lg_run --verbose --timeout "$TIMEOUT" --initrd "$INITRD" --cmdline "test=spawn-bench count=$1"
	grep -oE '[0-9]+ exits' <<<"$out" | grep -oE '[0-9]+'
}
e10=$(spawn_exits 10); e60=$(spawn_exits 60)
if [ -n "$e10" ] && [ -n "$e60" ] && [ $(( (e60 - e10) / 50 )) -le 8 ]; then
	pass process-create-is-batched
else
	fail process-create-is-batched "$e10 exits for 10 processes, $e60 for 60 (want at most 8 more each)"
fi
