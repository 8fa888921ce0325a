# Sourced after tests/lib.sh by tests/boot/segments.sh and
# tests/hostile/basic.sh.
# guest_run GUEST-CMDLINE: run the Guest with that command line through the
# lguest command; sets $out and $rc like lg_run.
guest_run() {
	lg_run --timeout "$TIMEOUT" --cmdline "$1"
}
