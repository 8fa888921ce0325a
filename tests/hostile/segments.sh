#!/usr/bin/env bash
# Odd segments, EFLAGS and the Switcher's register page
# (guest/hostile/segments_hostile.c): each attack is killed with a message
# naming it, or is harmless and checked by the Guest, which then ends
# itself with "hlt" (killed for that, after saying what it checked).  The
# Host never fails or hangs.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

run() {	# run NAME CMDLINE PATTERN...: killed, every pattern in the output
	local name=$1 cmdline=$2; shift 2
	lg_run --timeout "$TIMEOUT" --cmdline "$cmdline"
	if grep -Eq "Host panic|invariant" <<<"$out"; then
		fail "$name" "the Host failed"; return
	fi
	expect "$name" 101 "$@"
}
checked() {	# checked NAME CMDLINE: harmless, and the Guest's checks held
	run "$1" "$2" ': checked, ending with hlt$' 'Guest killed: privileged instruction hlt'
}

checked segment-conforming-cs "test=hostile-segment what=conforming"
run segment-ring2 "test=hostile-segment what=ring2" \
	'Guest killed: cannot resume it at %cs:%eip 0x62:0x[0-9a-f]+, %ss 0x6a: %cs asks for a ring other than 1 or 3'
checked segment-16bit-cs-io "test=hostile-segment what=code16-io"
run segment-16bit-cs-device "test=hostile-segment what=code16-mmio" \
	'Guest killed: a 16-bit code segment accessed device memory at 0x[0-9a-f]+ \(eip 0x[0-9a-f]+\): the Host plays only'
checked segment-expand-down-and-dpl2-data "test=hostile-segment what=data"
run segment-live-ss-made-dpl2 "test=hostile-segment what=ss-dpl2" \
	"Guest killed: cannot resume it at .*: %ss's privilege does not match its segment's"
checked eflags-tf "test=hostile-eflags what=tf"
run eflags-nt "test=hostile-eflags what=nt" 'NT kept across a hypercall' \
	'Guest killed: invalid TSS \(trap 10\) at eip 0x[0-9a-f]+, error code 0x0'
checked eflags-ac "test=hostile-eflags what=ac"
checked switcher-regs-page-written "test=hostile-regs-page"
