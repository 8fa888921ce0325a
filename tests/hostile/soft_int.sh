#!/usr/bin/env bash
# Software interrupts from the Guest (guest/hostile/soft_int_hostile.c):
# "int $N" must do what the CPU does with the Guest's own gate.  Its
# handler for N runs if the gate admits the ring, with no error code and
# %eip past the "int"; else the Guest takes #GP with error code N*8+2.
# Never a frame a word short (8, 10-14, 17: the Host looped on it), never
# the Host's own handler for a device vector (32-255), never "the Host's
# FPU set-up is broken" for int $7.  Each handler ends the Guest with hlt.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

soft_int() {	# soft_int NAME "ARGS" PATTERN
	lg_run --timeout "$TIMEOUT" --cmdline "test=hostile-soft-int $2"
	if grep -Eq "Host panic|invariant" <<<"$out"; then
		fail "$1" "the Host failed"; return
	fi
	expect "$1" 101 "$3" "Guest killed: privileged instruction hlt"
}

handled() {	# handled VEC RING: the Guest's handler for VEC, as on a CPU
	echo "int \\\$$1 reached the Guest's handler from ring $2, eip 0x[0-9a-f]+: no error code, as on a CPU"
}

gp() {	# gp VEC RING: #GP at the int, error code VEC*8+2
	printf '#GP from ring %s at eip 0x[0-9a-f]+, error code 0x%x \\(the int itself\\)' "$2" $(($1 * 8 + 2))
}

# Vectors the CPU gives an error code: the Guest's handler, no error code.
for vec in 10 11 12 13 14 17; do
	soft_int "soft-int-$vec-ring1" "vec=$vec" "$(handled "$vec" 1)"
done
# Vector 8 is the Host's: no Guest gate, so #GP.
soft_int soft-int-8-ring1 "vec=8" "$(gp 8 1)"
# int $7 is the Guest's #NM handler's, not a broken FPU set-up.
soft_int soft-int-7-ring1 "vec=7" "$(handled 7 1)"
soft_int soft-int-3-ring1 "vec=3" "$(handled 3 1)"
# Device vectors: the Guest's own handler, never the Host's.
for vec in 32 33 64 239 255; do
	soft_int "soft-int-$vec-ring1" "vec=$vec" "$(handled "$vec" 1)"
done
# No Guest gate: #GP.
soft_int soft-int-65-no-gate "vec=65 gate=none" "$(gp 65 1)"
# From ring 3: a kernel-only gate gives #GP; a user gate the handler.
soft_int soft-int-14-ring3-kernel-gate "vec=14 ring=3" "$(gp 14 3)"
soft_int soft-int-14-ring3-user-gate "vec=14 gate=user ring=3" "$(handled 14 3)"
soft_int soft-int-239-ring3-user-gate "vec=239 gate=user ring=3" "$(handled 239 3)"
soft_int soft-int-32-ring3-kernel-gate "vec=32 ring=3" "$(gp 32 3)"
# The hypercall vector is ring 1's only.
soft_int soft-int-hypercall-ring3 "vec=31 ring=3" "$(gp 31 3)"
