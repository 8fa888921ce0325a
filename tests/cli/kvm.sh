#!/usr/bin/env bash
# --accel kvm either runs the Guest or, where this machine's KVM cannot
# run a 32-bit kernel (a PVM one, or none at all), says so in one line
# before QEMU starts, with status 2: never a Host panic.  Both worlds.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

for world in "" --native; do
	w=${world:+-native}
	lg_run $world --accel kvm --timeout "$TIMEOUT" --cmdline "test=hello"
	if [ "$rc" = 0 ]; then
		expect "kvm-runs$w" 0 '^Hello from the Guest'
	elif [ -e /dev/kvm ]; then
		expect "kvm-unfit-refused$w" 2 \
			"^lguest: --accel kvm: this machine's KVM \([a-z_]+\) cannot run a 32-bit kernel .*: leave out --accel kvm"
	else
		expect "kvm-absent-refused$w" 2 "^lguest: --accel kvm: /dev/kvm: .*leave out --accel kvm"
	fi
	if [ "$rc" = 2 ] && [ "$(grep -c . <<<"$out")" != 1 ]; then
		fail "kvm-refusal-is-one-line$w" "$(grep -c . <<<"$out") lines"
	fi
done
