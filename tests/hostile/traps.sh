#!/usr/bin/env bash
# Hostile Guests for traps and interrupts (guest/hostile/traps_hostile.c): each is
# killed with a message naming what it did, or (the one that never yields)
# ended by --timeout; the Host never fails or hangs.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

attack() {	# attack NAME PATTERN
	lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-$1"
	if grep -Eq "Host panic|invariant" <<<"$out"; then
		fail "$1" "the Host failed"; return
	fi
	expect "$1" 101 "Guest killed: $2"
}

attack gate-host-cs "LHCALL_LOAD_IDT_ENTRY: vector 3's gate leads to selector 0x8, not the Guest kernel's code"
attack gate-data-selector "LHCALL_LOAD_IDT_ENTRY: vector 3's gate leads to selector 0x28"
attack gate-hcall-vector "LHCALL_LOAD_IDT_ENTRY: vector 31 is the Host's"
attack gate-task "LHCALL_LOAD_IDT_ENTRY: vector 3 has gate type 5"
attack gate-vector-range "LHCALL_LOAD_IDT_ENTRY: vector 300 is past 255"
attack stack-ring0 "LHCALL_SET_STACK: stack segment 0x10 is not the Guest kernel's"
attack unmapped-stack "general protection fault \(trap 13\) at eip 0x[0-9a-f]+ could not be delivered: its stack at 0x7ffffff[0-9a-f] is not mapped writable"
attack halt-forever "halted with nothing to wake it"
attack halt-after-input-ended "halted with nothing to wake it"
attack stack-in-switcher "LHCALL_SET_STACK: 1 stack pages under 0xffc03000 reach into the Switcher at 0xffc00000"
lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-stack-in-switcher esp=0"
expect stack-top-0-wraps-into-switcher 101 "Guest killed: LHCALL_SET_STACK: 1 stack pages under 0x0 reach into the Switcher"
attack halt-in-noirq "LHCALL_HALT at eip 0x[0-9a-f]+, inside its no-interrupt range 0x[0-9a-f]+-0x[0-9a-f]+, where no interrupt can wake it"

start=$(date +%s)
lg_run --timeout 3 --cmdline "test=hostile-never-yields"
took=$(($(date +%s) - start))
expect never-yields-ends-by-timeout 124 'lguest: timed out after 3 s'
if [ "$took" -le 8 ]; then pass never-yields-ends-promptly; else fail never-yields-ends-promptly "took $took s"; fi
