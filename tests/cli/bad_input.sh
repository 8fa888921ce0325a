#!/usr/bin/env bash
# Bad input gets one clear line on stderr and status 2, and QEMU is never
# started: LGUEST_QEMU points at a QEMU that would fail the test if it ran.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

printf '#!/bin/sh\necho QEMU-WAS-STARTED\nexit 0\n' >"$fx/fake-qemu"
chmod +x "$fx/fake-qemu"
export LGUEST_QEMU="$fx/fake-qemu"

# refused NAME PATTERN ARGS...: status 2, one line on stderr matching
# PATTERN, and QEMU not started.
refused() {
	local name=$1 pat=$2; shift 2
	lg_run "$@"
	local lines
	lines=$(grep -c . <<<"$out")
	if [ "$rc" != 2 ]; then fail "$name" "status $rc, wanted 2"
	elif grep -q QEMU-WAS-STARTED <<<"$out"; then fail "$name" "QEMU was started"
	elif [ "$lines" != 1 ]; then fail "$name" "$lines lines of complaint, wanted 1"
	elif ! grep -Eq -- "^lguest: $pat" <<<"$out"; then fail "$name" "the line lacks /$pat/"
	else pass "$name"; fi
}

refused missing-kernel "$fx/nope: No such file or directory|kernel $fx/nope: No such file" "$fx/nope"
refused kernel-is-a-directory "kernel $fx is not a regular file" "$fx"
refused kernel-not-elf "$fx/text is not an ELF file" "$fx/text"
refused kernel-empty "$fx/empty is too short to be an ELF file" "$fx/empty"
refused kernel-cut-short "$fx/short is too short to be an ELF file" "$fx/short"
refused kernel-64-bit "/bin/true is not a 32-bit ELF file" /bin/true
refused kernel-too-big-for-mem "$fx/high.elf has a segment outside the Guest's memory" --mem 4M "$fx/high.elf"
refused missing-initrd "initrd $fx/nope: No such file or directory" --initrd "$fx/nope"
refused initrd-is-a-directory "initrd $fx is not a regular file" --initrd "$fx"
chmod 000 "$fx/text"
if [ "$(id -u)" != 0 ]; then
	refused unreadable-initrd "initrd $fx/text: Permission denied" --initrd "$fx/text"
else
	echo "skip unreadable-initrd (root reads everything)"
fi
chmod 644 "$fx/text"
refused missing-disk "disk $fx/nope: No such file or directory" --disk "$fx/nope"
refused missing-read-only-disk "disk $fx/nope: No such file or directory" --disk "$fx/nope,ro"
refused disk-is-a-directory "disk $fx is not a regular file" --disk "$fx"
head -c 512 /dev/zero >"$fx/a,b"
refused disk-path-with-comma "disk $fx/a,b: QEMU's -drive cannot take a path with a comma" --disk "$fx/a,b"
refused mem-not-a-size "--mem lots: not a size" --mem lots
refused mem-too-small "--mem 1M: the Guest's memory must be from 4 MiB to 960 MiB, a multiple of 4 KiB" --mem 1M
refused mem-too-big "--mem 2G: the Guest's memory must be from 4 MiB to 960 MiB" --mem 2G
refused mem-one-page-too-big "--mem 983044K: the Guest's memory must be from 4 MiB to 960 MiB" --mem 983044K
refused mem-not-page-multiple "--mem 4194305: the Guest's memory must be .*a multiple of 4 KiB" --mem 4194305
refused mem-overflow "--mem 99999999999999999999G: not a size" --mem 99999999999999999999G
refused timeout-not-a-number "--timeout soon: not a number of seconds" --timeout soon
refused timeout-missing-value "--timeout needs a value" --timeout
refused unknown-option "unknown option --frobnicate" --frobnicate
refused two-kernels "one kernel at a time" "$fx/exit7.elf" "$fx/loop.elf"
refused accel-unknown "--accel xen: use kvm or tcg" --accel xen
refused cmdline-too-long "--cmdline is 2048 bytes, over the limit of 2047" --cmdline "$(head -c 2048 /dev/zero | tr '\0' x)"
LGUEST_HOST="$fx/nope" refused missing-host "the Host kernel $fx/nope: No such file or directory \(run 'make' first\)"
LGUEST_QEMU=/nonexistent/qemu refused missing-qemu \
	"/nonexistent/qemu not found: install Debian's qemu-system-x86 package"
LGUEST_QEMU=no-such-qemu-anywhere refused qemu-not-on-path "no-such-qemu-anywhere not found"

out=$("$LGUEST" frob 2>&1); rc=$?
expect unknown-command 2 "^lguest: unknown command 'frob'" '^usage: lguest run'
out=$("$LGUEST" 2>&1); rc=$?
expect no-command 2 '^usage: lguest run'
out=$("$LGUEST" --help 2>/dev/null); rc=$?
expect help-on-stdout 0 '^usage: lguest run' 'Exit status'
out=$("$LGUEST" run --mem 8M --help 2>/dev/null); rc=$?
expect run-help-on-stdout 0 '^usage: lguest run' 'Ctrl-A x'
