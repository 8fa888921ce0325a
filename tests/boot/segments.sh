#!/usr/bin/env bash
# Segments, emulation and the FPU, from a Guest's side: each behaviour is
# in guest/test/segments.c, guest/test/fpu.c or guest/hostile/hostile.c.
cd "$(dirname "$0")/../.."
. tests/lib.sh
. tests/guest_run.bash

guest_run "test=segments-tls"
expect segments-tls 0 \
	"segments: ok %gs:-4 and %gs:-16 read" "segments: ok a write to %gs:-8" \
	"segments: ok %gs survives" "segments: ok a new TLS base"
guest_run "test=segments-dpl0"
expect segments-dpl0-raised 0 "segments: ok a DPL 0 data segment is usable" "ok and %fs keeps it"
guest_run "test=segments-null-gs"
expect segments-null-gs 0 "segments: ok %gs is null" "segments: ok %fs is untouched"

# Ring 3 reads TLS through %gs.  With trap delivery the kernel gets int3
# back and checks; without, the Host's kill names the int3 ring 3 reached,
# which must be the pass site the kernel printed.
guest_run "test=segments-ring3"
if [ "$rc" = 0 ]; then
	expect segments-ring3-tls 0 "segments: ok ring 3 read its TLS" "segments: ok ring 3's write" \
		"segments: ok the trap came from ring 3"
else
	pass_eip=$(grep -o 'pass at eip 0x[0-9a-f]*' <<<"$out" | grep -o '0x[0-9a-f]*')
	expect segments-ring3-tls 101 "pass at eip" \
		"Guest killed: general protection fault \(trap 13\) at eip ${pass_eip:-NONE}, error code 0x1a"
fi

# The FPU is the Guest's: hypercalls and emulated port reads (an IN
# reads all ones and is stepped over) leave it alone.
guest_run "test=fpu-survives"
expect fpu-survives-hypercalls-and-emulated-in 0 "fpu: ok x87 and SSE registers survive" "fpu: ok and hold"
guest_run "test=fpu-ts-clear"
expect fpu-ts-clear 0 "fpu: ok with TS cleared again"
guest_run "test=fpu-switch"
if [ "$rc" = 0 ]; then
	expect fpu-switch 0 "fpu: ok context B" "fpu: ok context A" "fpu: ok each switch cost exactly one"
else
	nm_eip=$(grep -o 'TS set at eip 0x[0-9a-f]*' <<<"$out" | grep -o '0x[0-9a-f]*')
	expect fpu-ts-reaches-cr0 101 \
		"Guest killed: device not available \(trap 7\) at eip ${nm_eip:-NONE}"
	echo "skip fpu-switch (the Guest cannot take traps yet)"
fi

# Every privileged instruction the Host does not emulate kills, by name.
for insn in lgdt lidt mov-cr0 mov-cr3 mov-cr4 wrmsr rdmsr cli sti hlt clts \
	    invlpg ltr lldt wbinvd insb outsb; do
	case $insn in
	mov-cr*) name="mov to %${insn#mov-}" ;;
	*) name=$insn ;;
	esac
	guest_run "test=hostile-privileged insn=$insn"
	expect "emulate-kills-$insn" 101 "running $insn at ring 1" \
		"Guest killed: privileged instruction $name at eip 0x"
done
