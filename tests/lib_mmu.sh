# For tests/boot/mmu.sh and tests/hostile/mmu.sh: run a Guest with the
# Host's log, through the lguest command, or straight through QEMU when
# that is not built (the same command line it would give).

# mmu_run GUEST-CMDLINE: sets $out and $rc like lg_run.
mmu_run() {
	if [ -x "$LGUEST" ]; then
		lg_run run --verbose --cmdline "$1"
		return
	fi
	out=$(timeout -k 5 $((TIMEOUT + 15)) qemu-system-x86_64 -M microvm \
		-nodefaults -no-reboot -display none -serial stdio \
		-device isa-debug-exit,iobase=0xf4,iosize=4 -m 256 \
		-kernel "${BUILD:-build}/host.elf" -append "mem=67108864 verbose" \
		-initrd "${BUILD:-build}/guest.elf $1" </dev/null 2>&1)
	rc=$?
	[ $((rc & 1)) = 1 ] && rc=$((rc >> 1))
}

# host_count PATTERN: the number the Host's log printed before PATTERN
# (e.g. "exits", "directories built", "Host pool"), from the last run.
host_count() {
	grep -oE "[0-9]+ $1|$1 [0-9]+" <<<"$out" | tail -1 | grep -oE '[0-9]+'
}
