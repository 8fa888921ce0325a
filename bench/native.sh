#!/usr/bin/env bash
# Issue 4's numbers: the same Guest (hello, power off) on the Host and
# natively, in wall time and in instructions, as ratios lguest / native.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh

# 1. Wall time of the whole run, the lguest command included.
lg=$(median_wall_ns "$LGUEST" run --cmdline test=hello)
nat=$(median_wall_ns "$LGUEST" run --native --cmdline test=hello)
report "lguest run, hello, wall time" "$((lg / 1000000))" ms "$(ratio "$lg" "$nat")" \
	"lguest run --native, $((nat / 1000000)) ms" "<= 1.5x for boot"

# 2. Instructions from reset to power-off: under -icount shift=0 the TSC
#    counts them, and test=boot-tsc prints it as its last act.  Both
#    worlds calibrate their timers against 1 ms of the PIT (natively the
#    Guest, on the Host the Host), a million instructions each.
#    sleep=off: an idle CPU then skips to its next timer at once instead
#    of letting real time pass, so the count is the same every run.
boot_tsc() { guest_output -icount shift=0,sleep=off -- "$@" --cmdline "test=boot-tsc" | grep 'boot-tsc: '; }
lg_line=$(boot_tsc); nat_line=$(boot_tsc --native)
lg_insns=$(awk '{print $2}' <<<"$lg_line")
nat_insns=$(awk '{print $2}' <<<"$nat_line")
lg_entry=$(awk '{print $12}' <<<"$lg_line")
nat_entry=$(awk '{print $12}' <<<"$nat_line")
report "hello, instructions to power-off" "$lg_insns" insns "$(ratio "$lg_insns" "$nat_insns")" \
	"native, $nat_insns insns" "<= 1.5x for boot"
report "  reset to the Guest's first C insn" "$lg_entry" insns "$(ratio "$lg_entry" "$nat_entry")" \
	"native, $nat_entry insns"

# 3. What patching the call sites buys: an interrupt-flag pair (off, on)
#    through patched sites against the same through pv's indirect calls,
#    natively (the lguest world has no interrupt-flag ops yet): in
#    instructions (-icount), and in time (the TSC without -icount).
N=100000
pairs() {	# pairs QEMU-ARGS...: "PATCHED THROUGH" TSC ticks
	guest_output "$@" -- --native --cmdline "test=patch-bench count=$N" |
		sed -n 's/.*patched \([0-9]*\) through pv \([0-9]*\).*/\1 \2/p'
}
read -r patched through <<<"$(pairs -icount shift=0,sleep=off)"
report "cli/sti pair, patched, instructions" "$(per "$patched" 0 $N)" insns \
	"$(ratio "$patched" "$through")" "through pv, $(per "$through" 0 $N) insns"
read -r patched through <<<"$(pairs)"
report "cli/sti pair, patched, time" "$(per "$patched" 0 $N)" ticks \
	"$(ratio "$patched" "$through")" "through pv, $(per "$through" 0 $N) TSC ticks"
