#!/usr/bin/env bash
# The options as getopt_long reads them: "--opt VALUE" and "--opt=VALUE",
# each at most once; the ranges said in full; --help says what each
# accepts; --version.  No QEMU runs (a fake one would say so).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

printf '#!/bin/sh\necho QEMU-WAS-STARTED\nexit 0\n' >"$fx/fake-qemu"
chmod +x "$fx/fake-qemu"
export LGUEST_QEMU="$fx/fake-qemu"

lg_run --dry-run --mem=128M --cmdline="test=hello a=b" --timeout=5
expect equals-form-accepted 0 '-append mem=134217728' "'$(cd build && pwd)/guest.elf test=hello a=b'"
lg_run --dry-run "$fx/exit7.elf" --mem 32M
expect options-after-the-kernel 0 "-append mem=33554432" "-initrd '$fx/exit7.elf  console=pipe,"
# "--" ends lguest's options and begins the Guest's command: init's
# arguments, quoted where they hold a space.
lg_run --dry-run --mem 32M "$fx/exit7.elf" -- sh -c 'exit 7'
expect double-dash-starts-the-command 0 "-initrd '$fx/exit7.elf  console=pipe -- sh -c \"exit 7\","
lg_run --dry-run -- --mem 32M
expect words-after-double-dash-are-not-options 0 "guest.elf  console=pipe -- --mem 32M,"

for opt in "--mem 8M --mem=16M" "--cmdline a --cmdline b" "--disk $fx/exit7.elf --disk $fx/exit7.elf" \
	"--initrd $fx/text --initrd $fx/text" "--timeout 1 --timeout 2" "--accel tcg --accel kvm"; do
	name=${opt%% *}; name=${name#--}
	lg_run --dry-run $opt
	expect "repeated-$name-refused" 2 "^lguest: --$name given twice: give it once$"
done
lg_run --dry-run --gdb --gdb
expect repeated-flag-is-harmless 0 ' -S'

lg_run --dry-run --mem 1G
expect mem-range-said 2 "^lguest: --mem 1G: the Guest's memory must be from 4 MiB to 960 MiB, a multiple of 4 KiB$"
lg_run --dry-run --mem 960M
expect mem-largest 0 '-append mem=1006632960'
# (A test behaviour: the default busybox initramfs needs more than 4 MiB,
# and says so, below.)
lg_run --dry-run --mem 4M --cmdline test=hello
expect mem-smallest 0 '-append mem=4194304'
lg_run --dry-run --mem 4M
expect mem-too-small-for-the-default-initramfs 2 'initrd .*rootfs.cpio is [0-9]+ bytes, too big for --mem 4 MiB'
lg_run --dry-run --timeout 1000001
expect timeout-maximum-said 2 '^lguest: --timeout 1000001: the most is 1000000 seconds \(0 is no limit\)$'
lg_run --dry-run --timeout 1000000
expect timeout-largest 0 'qemu'
lg_run --dry-run --timeout 99999999999999999999
expect timeout-overflow 2 '^lguest: --timeout 99999999999999999999: not a number of seconds$'

lg_run --dry-run --gdb=yes
expect flag-with-value-refused 2 '^lguest: --gdb takes no value'
lg_run --dry-run --ver
expect ambiguous-option-refused 2 '^lguest: --ver could be more than one option'
lg_run --dry-run --cmd=exit=3
expect unambiguous-abbreviation 0 "guest.elf exit=3 console=pipe,"
lg_run --dry-run --mem
expect missing-value-said 2 '^lguest: --mem needs a value$'

out=$("$LGUEST" --help 2>&1); rc=$?
expect help-says-what-options-accept 0 '4M to 960M, a multiple of' '0 \(the default\) for no limit, at most 1000000' \
	'--gdb-port N' 'whole number of 512-byte sectors' 'not empty' '--opt VALUE or --opt=VALUE' \
	'--version' 'test=list'

for v in "--version" "version" "run --version"; do
	out=$("$LGUEST" $v 2>&1); rc=$?
	expect "version${v// /-}" 0 '^lguest [^ ]+$'
done
# It names a commit of this repository ("git describe" output; -dirty
# when built from a changed tree).
v=${out#lguest }
if ! git rev-parse --git-dir >/dev/null 2>&1; then
	echo "skip version-names-a-commit (not a git clone)"
elif git rev-parse -q --verify "${v%-dirty}^{commit}" >/dev/null; then
	pass version-names-a-commit
else
	fail version-names-a-commit "$v is no commit here"
fi
