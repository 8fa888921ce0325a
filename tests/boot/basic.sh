#!/usr/bin/env bash
# The first slice, end to end: the Host boots, the Guest runs at ring 1,
# and every way a run can end arrives at the lguest command's exit status.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

lg_run --timeout "$TIMEOUT" --cmdline "test=hello"
expect hello-powers-off-0 0 '^guest: Hello from the Guest: 64 MiB of memory'

lg_run --timeout "$TIMEOUT" --mem 16M --cmdline "test=hello exit=42"
expect hello-exit-status-42 42 'Hello from the Guest: 16 MiB' 'command line "test=hello exit=42"'

lg_run --timeout "$TIMEOUT" --cmdline "test=hello exit=99"
expect exit-status-99 99

# Over 99 the machine records the status on the serial line (the exit
# port carries 7 bits); over 255 is no status at all.
lg_run --timeout "$TIMEOUT" --cmdline "test=hello exit=200"
expect exit-status-200 200

lg_run --timeout "$TIMEOUT" --cmdline "test=hello exit=256"
expect exit-status-over-limit-is-killed 101 'Guest killed: LHCALL_SHUTDOWN: exit status 256 is over the limit of 255'

lg_run --timeout "$TIMEOUT" --cmdline "test=crash"
expect crash-message-arrives 100 'lguest: Guest crashed: the Guest crashed on purpose'

lg_run --timeout "$TIMEOUT" --cmdline "test=privileged"
expect privileged-instruction-kills 101 \
	'lguest: Guest killed: privileged instruction cli at eip 0xc01[0-9a-f]{5}'
if grep -q 'did not fault' <<<"$out"; then fail privileged-instruction-stops-there "the Guest went on"; else pass privileged-instruction-stops-there; fi

# The Host hands the fault to the Guest's own handler, with the address in
# lguest_data.cr2: the Guest's crash message says what the Host saw.
lg_run --timeout "$TIMEOUT" --cmdline "test=wild-pointer"
expect wild-pointer-reaches-the-guest 100 \
	'lguest: Guest crashed: page fault at address 0x80000000 \(eip 0xc01[0-9a-f]{5}, error code 0x0: unmapped read from ring 1\)'

lg_run --timeout "$TIMEOUT" --cmdline "test=restart exit=5"
expect restart-boots-again 5 '^guest: restarting' 'booted again after 1 restart'

lg_run --timeout "$TIMEOUT" --cmdline "test=no-such-test"
expect unknown-test-crashes 100 'Guest crashed: no test called "no-such-test"'

# Without --verbose the Host says nothing when all is well.
lg_run --timeout "$TIMEOUT" --cmdline "test=hello"
if grep -q '^lguest: ' <<<"$out"; then fail quiet-by-default "the Host logged without --verbose"; else pass quiet-by-default; fi

lg_run --timeout "$TIMEOUT" --verbose --cmdline "test=hello"
expect verbose-shows-the-host 0 'lguest: Switcher at 0xffc00000' 'lguest: Guest RAM 64 MiB'

# With no test= the Guest is a Unix: the default initramfs (busybox) runs
# the words after -- as its command, and powers off with its status.
lg_run --timeout "$TIMEOUT" -- sh -c 'echo "from busybox: $((6 * 7))"; exit 7'
expect busybox-command-exit-status 7 '^from busybox: 42'
lg_run --native --timeout "$TIMEOUT" -- sh -c 'echo "from busybox: $((6 * 7))"; exit 7'
expect busybox-command-exit-status-native 7 '^from busybox: 42'
lg_run -- sh -c 'exit 5'
expect busybox-double-dash-first 5
