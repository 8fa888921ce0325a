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
lg=$(median_wall_ns "$LGUEST" run --cmdline test=hello)
report "lguest run (hello, power off)" "$((lg / 1000000))" ms "$(ratio "$lg" "$bare")" \
	"bare microvm start, $((bare / 1000000)) ms" "<= 3x"

# 2. The null hypercall (LHCALL_FLUSH_ASYNC with an empty ring) against the
#    floor: an int/iret through ring 0 plus the two %cr3 loads every world
#    switch pays (the floor vector).  The Guest runs the three loops in
#    turns and reports TSC ticks for each.
#    Instructions: QEMU's -icount shift=0 makes the TSC count them; the
#    difference of two loop lengths cancels the set-up.
field() {	# field LINE NAME: the number after NAME in a hcall-bench line
	sed -n "s/.* $2 \([0-9]*\).*/\1/p" <<<"$1"
}
N1=2000 N2=12000
a=$(guest_output -icount shift=0 -- --cmdline "test=hcall-bench count=$N1" | grep 'hcall-bench:')
b=$(guest_output -icount shift=0 -- --cmdline "test=hcall-bench count=$N2" | grep 'hcall-bench:')
for k in hypercall floor int-iret; do
	eval "i_${k%%-*}=\$(per \"\$(field \"\$b\" $k)\" \"\$(field \"\$a\" $k)\" $((N2 - N1)))"
done
report "null hypercall, instructions" "$i_hypercall" insns "$(ratio "$i_hypercall" "$i_floor")" \
	"int/iret + 2 cr3: $i_floor insns" "<= 200 insns, Host included"

# Time: the same loops in real time.  The ratio comes from the TSC ticks of
# one run; nanoseconds from the wall clock (a long loop against none).
N=100000
line=$(guest_output -- --cmdline "test=hcall-bench count=$N" | grep 'hcall-bench:')
t_h=$(field "$line" hypercall); t_f=$(field "$line" floor); t_i=$(field "$line" int-iret)
w0=$(median_wall_ns "$LGUEST" run --cmdline "test=hcall-bench count=0")
wN=$(median_wall_ns "$LGUEST" run --cmdline "test=hcall-bench count=$N")
ns() { awk -v t="$1" -v all="$((t_h + t_f + t_i))" -v w="$((wN - w0))" -v n=$N \
	'BEGIN { printf "%.0f", w * t / all / n }'; }
report "null hypercall, time" "$(ns "$t_h")" ns "$(ratio "$t_h" "$t_f")" \
	"int/iret + 2 cr3: $(ns "$t_f") ns; int/iret alone $(ns "$t_i") ns" "<= 1.2x"
