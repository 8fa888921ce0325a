#!/usr/bin/env bash
# What the segment, FPU and emulation paths cost through the Host, each
# against the null hypercall measured in the same loop of the same run:
# LHCALL_LOAD_TLS (every context switch), LHCALL_TS (lazy FPU switching)
# and an emulated "inb" (a #GP decoded and stepped over).  Instructions:
# QEMU's -icount shift=0 makes the TSC count them; the difference of two
# loop lengths cancels the set-up.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh

ticks() {	# ticks COUNT: the seg-bench line's four tick counts
	guest_output -icount shift=0 -- --cmdline "test=seg-bench count=$1" |
		sed -n 's/.*null \([0-9]*\) load_tls \([0-9]*\) ts \([0-9]*\) inb \([0-9]*\).*/\1 \2 \3 \4/p'
}
N1=1000 N2=11000
read -r n1 l1 s1 i1 <<<"$(ticks $N1)"
read -r n2 l2 s2 i2 <<<"$(ticks $N2)"
if [ -z "$i2" ]; then
	echo "seg-bench printed nothing" >&2
	exit 1
fi
null=$(per "$n2" "$n1" $((N2 - N1)))
for what in "LHCALL_LOAD_TLS:$l1:$l2" "LHCALL_TS:$s1:$s2" "emulated inb:$i1:$i2"; do
	IFS=: read -r name a b <<<"$what"
	v=$(per "$b" "$a" $((N2 - N1)))
	report "$name, instructions" "$v" insns "$(ratio "$v" "$null")" "null hypercall, $null insns"
done
