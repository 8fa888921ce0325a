# For tests/boot/mmu.sh and tests/hostile/mmu.sh.

# mmu_run GUEST-CMDLINE: run a Guest with the Host's log; sets $out and $rc
# like lg_run.
mmu_run() { lg_run --verbose --cmdline "$1"; }

# host_count PATTERN: the number the Host's log printed before PATTERN
# (e.g. "exits", "directories built", "Host pool"), from the last run.
host_count() {
	grep -oE "[0-9]+ $1|$1 [0-9]+" <<<"$out" | tail -1 | grep -oE '[0-9]+'
}
