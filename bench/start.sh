#!/usr/bin/env bash
# Issue 2's numbers: how long `lguest run` takes for a Guest that says
# hello and powers off, and what one null hypercall costs.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh

# 1. Start-up: lguest run (the Host, then the Guest) against a bare QEMU
#    microvm start of a kernel that only exits.
bare=$(median_wall_ns qemu-system-x86_64 -M microvm -nodefaults -no-reboot \
	-display none -device isa-debug-exit,iobase=0xf4,iosize=4 \
	-kernel "$BUILD/bench/exit.elf")
lg=$(median_wall_ns "$LGUEST" run)
report "lguest run (hello, power off)" "$((lg / 1000000))" ms "$(ratio "$lg" "$bare")" \
	"bare microvm start, $((bare / 1000000)) ms" "<= 3x"

# 2. The null hypercall (LHCALL_FLUSH_ASYNC with an empty ring) against the
#    floor: an int/iret through ring 0 plus two %cr3 loads (the floor
#    vector).  Instructions: QEMU's -icount shift=0 makes the TSC count
#    them; the difference of two loop lengths cancels the loop's set-up.
N1=2000 N2=22000
ticks() {	# ticks TEST COUNT FIELD: the TSC ticks a Guest benchmark printed
	guest_output -icount shift=0 -- --cmdline "test=$1 count=$2" |
		sed -n "s/.*$1: .*/&/p" | awk -v f="$3" '{print $f}'
}
h1=$(ticks hcall-bench $N1 5); h2=$(ticks hcall-bench $N2 5)
f1=$(ticks floor-bench $N1 11); f2=$(ticks floor-bench $N2 11)
hcall_insns=$(per "$h2" "$h1" $((N2 - N1)))
floor_insns=$(per "$f2" "$f1" $((N2 - N1)))
report "null hypercall, instructions" "$hcall_insns" insns "$(ratio "$hcall_insns" "$floor_insns")" \
	"int/iret + 2 cr3, $floor_insns insns" "<= 200 insns"

# Real time: the wall-clock difference between a long loop and none.
N=200000
hc0=$(median_wall_ns "$LGUEST" run --cmdline "test=hcall-bench count=0")
hcN=$(median_wall_ns "$LGUEST" run --cmdline "test=hcall-bench count=$N")
fl0=$(median_wall_ns "$LGUEST" run --cmdline "test=floor-bench count=0")
flN=$(median_wall_ns "$LGUEST" run --cmdline "test=floor-bench count=$N")
# floor-bench runs both loops; split its time by their TSC ticks.
line=$(guest_output -- --cmdline "test=floor-bench count=$N" | grep 'floor-bench:')
plain=$(awk '{print $5}' <<<"$line"); withcr3=$(awk '{print $11}' <<<"$line")
hcall_ns=$(per "$hcN" "$hc0" $N)
floor_ns=$(awk -v t="$((flN - fl0))" -v p="$plain" -v c="$withcr3" -v n=$N \
	'BEGIN { printf "%.1f", t * c / (p + c) / n }')
intiret_ns=$(awk -v t="$((flN - fl0))" -v p="$plain" -v c="$withcr3" -v n=$N \
	'BEGIN { printf "%.1f", t * p / (p + c) / n }')
report "null hypercall, time" "$hcall_ns" ns "$(ratio "$hcall_ns" "$floor_ns")" \
	"int/iret + 2 cr3, $floor_ns ns (int/iret alone $intiret_ns ns)" "<= 1.2x"
