# Sourced after tests/lib.sh by tests/boot/segments.sh and
# tests/hostile/basic.sh: guest_run runs the Guest with a command line
# through the lguest command when it is built, else through QEMU directly
# with the same machine and the same exit-status rule, so these tests run
# before and after the command lands.
BUILD=${BUILD:-build}

# guest_run GUEST-CMDLINE: sets $out and $rc like lg_run.
guest_run() {
	if [ -x "$LGUEST" ]; then
		lg_run run --cmdline "$1"
		return
	fi
	out=$(timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -M microvm -nodefaults \
		-no-reboot -display none -serial stdio \
		-device isa-debug-exit,iobase=0xf4,iosize=4 -m 128 \
		-kernel "$BUILD/host.elf" -append "mem=67108864" \
		-initrd "$BUILD/guest.elf $1" </dev/null 2>&1)
	rc=$?
	# QEMU's isa-debug-exit exits with (status << 1) | 1; anything even
	# means the machine ended some other way (a triple fault resets it),
	# which is the Host failing.
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		rc=124
	elif [ $((rc & 1)) -eq 1 ]; then
		rc=$((rc >> 1))
	else
		out+=$'\n'"(QEMU exited with $rc: the machine ended without a status)"
		rc=102
	fi
}
