#!/usr/bin/env bash
# Issue 4's numbers: the same Guest (hello, power off) on the Host and
# natively, in wall time and in instructions, as ratios lguest / native.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh

# 1. Wall time of the whole run, the lguest command included.
lg=$(median_wall_ns "$LGUEST" run)
nat=$(median_wall_ns "$LGUEST" run --native)
report "lguest run, hello, wall time" "$((lg / 1000000))" ms "$(ratio "$lg" "$nat")" \
	"lguest run --native, $((nat / 1000000)) ms" "<= 1.5x for boot"

# 2. Instructions from reset to power-off: under -icount shift=0 the TSC
#    counts them, and test=boot-tsc prints it as its last act.
tsc() {
	guest_output -icount shift=0 -- "$@" --cmdline "test=boot-tsc" |
		sed -n 's/.*boot-tsc: \([0-9]*\) .*/\1/p'
}
lg_insns=$(tsc); nat_insns=$(tsc --native)
report "hello, instructions to power-off" "$lg_insns" insns "$(ratio "$lg_insns" "$nat_insns")" \
	"native, $nat_insns insns" "<= 1.5x for boot"
