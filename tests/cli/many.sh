#!/usr/bin/env bash
# Several Guests on one Host (lguest run --guest, docs/10-many-guests.md):
# each with its own memory, command line and console, ending with its own
# status; a hostile Guest killed alone beside an honest one whose output
# is what it is alone; three CPU-bound Guests sharing the CPU in thirds.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Two Guests, different memory: each kernel says its own size, on its
# own mark.
lg_run --timeout "$TIMEOUT" --guest one:mem=32M,cmdline=test=hello \
	--guest two:mem=48M,console="$tmp/two",cmdline=test=hello
expect two-guests 0 '^guest: Hello from the Guest: 32 MiB' \
	'^guest1: Hello from the Guest: 48 MiB of memory, command line "test=hello"' \
	'^lguest: guest 1 is two, its console in '"$tmp/two" \
	'^lguest: guest 0 ended: status 0' '^lguest: guest 1 ended: status 0'
if ! grep -q '^guest: .*48 MiB' <<<"$out" && ! grep -q '^guest1: .*32 MiB' <<<"$out"; then
	pass two-guests-kernel-lines-apart
else
	fail two-guests-kernel-lines-apart "a Guest's line under the other's mark"
fi

# Programs in both Guests: each one's output on its own console (stdout,
# the file), never the other's.
lg_run --timeout "$TIMEOUT" --guest one:initrd=build/initrd.cpio,cmdline="test=run run=hello" \
	--guest two:console="$tmp/prog",initrd=build/initrd.cpio,cmdline="test=run run=first"
expect programs-in-two-guests 7 '^lguest: guest 1 ended: status 0'
if [ "$stdout" == "hello from ring 3, I am hello, pid 2" ] &&
   grep -Eqx 'first: TSC [0-9]+' "$tmp/prog" && [ "$(wc -l <"$tmp/prog")" = 1 ]; then
	pass two-guests-consoles-apart
else
	fail two-guests-consoles-apart "stdout: $stdout" "the second's console: $(cat "$tmp/prog")"
fi

# A second Guest running busybox: its shell's output on its console (a
# terminal's, which lguest console attaches to: lines end in CR LF).
lg_run --timeout "$TIMEOUT" --guest one:cmdline=test=hello \
	--guest sh:console="$tmp/sh",cmdline='-- sh -c "echo second; exit 4"'
if [ "$rc" = 0 ] && grep -q '^lguest: guest 1 ended: status 4' <<<"$stderr" &&
   [ "$(cat "$tmp/sh")" == $'second\r' ] && [ -z "$stdout" ]; then
	pass second-guest-busybox-console
else
	fail second-guest-busybox-console "exit status $rc" "its console: $(cat "$tmp/sh")"
fi

# Three Guests, each its own status; the run's is the first Guest's.
lg_run --timeout "$TIMEOUT" --guest a:mem=24M,cmdline="test=hello exit=7" \
	--guest b:mem=40M,console="$tmp/b",cmdline="test=hello exit=3" \
	--guest c:mem=56M,console="$tmp/c",cmdline="test=hello exit=5"
expect three-guests-statuses 7 '^lguest: guest 0 ended: status 7' \
	'^lguest: guest 1 ended: status 3' '^lguest: guest 2 ended: status 5'
if grep -q '^guest1: .*40 MiB.*exit=3' <<<"$stderr" &&
   grep -q '^guest2: .*56 MiB.*exit=5' <<<"$stderr"; then
	pass three-guests-own-command-lines
else
	fail three-guests-own-command-lines
fi

# An honest Guest that uses the FPU, alone: its kernel's lines.
lg_run --timeout "$TIMEOUT" --cmdline test=fpu-survives
alone=$(grep '^guest: ' <<<"$stderr" | sed 's/^guest: //')
alone_rc=$rc
[ -n "$alone" ] || fail fpu-survives-alone "no output"

# Beside a hostile Guest: the hostile one is killed, alone.
lg_run --timeout "$TIMEOUT" --guest honest:cmdline=test=fpu-survives \
	--guest bad:console="$tmp/bad",cmdline="test=hostile-privileged insn=lgdt"
beside=$(grep '^guest: ' <<<"$stderr" | sed 's/^guest: //')
expect hostile-beside-honest-killed-alone "$alone_rc" \
	'^lguest: guest 1 ended: status 101, .*killed: privileged instruction' \
	"^lguest: guest 0 ended: status $alone_rc,"
if [ "$beside" == "$alone" ]; then
	pass honest-output-unchanged-beside-hostile
else
	fail honest-output-unchanged-beside-hostile "alone: $alone" "beside: $beside"
fi

# The same with the hostile Guest first: the run's status is its own, the
# honest one's kernel lines are byte for byte what it says alone.
lg_run --timeout "$TIMEOUT" --guest bad:cmdline="test=hostile-privileged insn=lgdt" \
	--guest honest:console="$tmp/honest",cmdline=test=fpu-survives
expect hostile-first-killed-alone 101 \
	'^lguest: guest 0 ended: status 101, .*killed: privileged instruction' \
	"^lguest: guest 1 ended: status $alone_rc,"
beside=$(grep '^guest1: ' <<<"$stderr" | sed 's/^guest1: //')
if [ "$beside" == "$alone" ]; then
	pass honest-second-unchanged-beside-hostile
else
	fail honest-second-unchanged-beside-hostile "alone: $alone" "beside: $beside"
fi

# Two Guests switching their FPU registers under each other.
lg_run --timeout "$TIMEOUT" --guest a:cmdline=test=fpu-switch \
	--guest b:console="$tmp/fb",cmdline=test=fpu-switch
expect fpu-apart 0 '^lguest: guest 0 ended: status 0' '^lguest: guest 1 ended: status 0'

# Two Guests that yield (LHCALL_YIELD) hand the CPU to each other each
# time: each is switched to once a yield.
lg_run --timeout "$TIMEOUT" --guest a:cmdline="test=yield-bench count=500" \
	--guest b:console="$tmp/yb",cmdline="test=yield-bench count=500"
switches=$(sed -n 's/^lguest: guest [01] ended: status 0, [0-9]* TSC cycles, \([0-9]*\) switches$/\1/p' <<<"$stderr")
if [ "$rc" = 0 ] && [ "$(wc -w <<<"$switches")" = 2 ] && [ "$(sort -n <<<"$switches" | head -1)" -ge 500 ]; then
	pass yields-alternate
else
	fail yields-alternate "exit status $rc, switches: $switches"
fi

# Two Guests with a TLS entry each, the same entry, yielding to each other:
# each reads its own through %gs after every switch (the state page's GDT
# is the running Guest's, not the last one's).
lg_run --timeout "$TIMEOUT" --guest a:cmdline="test=tls-apart slot=1 count=50" \
	--guest b:console="$tmp/tls",cmdline="test=tls-apart slot=2 count=50"
expect tls-apart 0 '^guest: tls-apart: %gs read word 1 after each of 50 yields' \
	'^guest1: tls-apart: %gs read word 2 after each of 50 yields' \
	'^lguest: guest 1 ended: status 0'

# Three Guests that spin for 10 s of TSC time with interrupts off: the
# Host's tick takes the CPU from each in turn, so each runs in hundreds of
# slices and has about a third of the TSC time they took together.  (Over
# one second, 20 slices each, a loaded machine that delays QEMU's timer
# made one slice in three as long as another and a share 28%.)
lg_run --timeout "$TIMEOUT" --guest a:cmdline="test=hostile-spin ms=10000" \
	--guest b:console="$tmp/sb",cmdline="test=hostile-spin ms=10000" \
	--guest c:console="$tmp/sc",cmdline="test=hostile-spin ms=10000"
expect three-spinners-end 0 '^lguest: guest 2 ended: status 0'
shares=$(grep -E '^lguest: guest [0-2] ended: status 0, [0-9]+ TSC cycles, [0-9]+ switches' <<<"$stderr" |
	awk '{ t[NR] = $7; s[NR] = $10; sum += $7 }
	     END { if (NR != 3) { print "records: " NR; exit }
		   for (i = 1; i <= 3; i++) {
			share = 100 * t[i] / sum
			if (share < 100/3 - 5 || share > 100/3 + 5 || s[i] < 10)
				bad = 1
			printf "%.1f%% in %d slices; ", share, s[i]
		   }
		   print bad ? "unfair" : "fair" }')
if [[ $shares == *"; fair" ]]; then
	pass three-spinners-share-in-thirds
else
	fail three-spinners-share-in-thirds "$shares"
fi

# A Guest in an interrupt storm beside a spinner: the spinner keeps at
# least 45% of the TSC time they took together.
lg_run --timeout "$TIMEOUT" --guest storm:cmdline=test=hostile-interrupt-storm \
	--guest honest:console="$tmp/st",cmdline=test=hostile-spin
share=$(grep -E '^lguest: guest [01] ended: status 0, [0-9]+ TSC cycles' <<<"$stderr" |
	awk '{ t[NR] = $7 } END { if (NR == 2) printf "%d", 100 * t[2] / (t[1] + t[2]) }')
if [ "$rc" = 0 ] && [ -n "$share" ] && [ "$share" -ge 45 ]; then
	pass storm-leaves-honest-its-share
else
	fail storm-leaves-honest-its-share "exit status $rc, the honest Guest's share ${share:-unknown}%"
fi

# Three floods of page directories beside an honest Guest: each flood's
# shadows are bounded and its own, the Host's pool holds them all, and the
# honest Guest's output is what it is alone.
lg_run --timeout "$TIMEOUT" --guest honest:cmdline=test=fpu-survives \
	--guest flood1:console="$tmp/fl1",cmdline=test=hostile-pgdir-flood \
	--guest flood2:console="$tmp/fl2",cmdline=test=hostile-pgdir-flood \
	--guest flood3:console="$tmp/fl3",cmdline=test=hostile-pgdir-flood
beside=$(grep '^guest: ' <<<"$stderr" | sed 's/^guest: //')
expect pgdir-flood-beside-honest "$alone_rc" '^lguest: guest 1 ended: status 0' \
	'^lguest: guest 2 ended: status 0' '^lguest: guest 3 ended: status 0' \
	"^lguest: guest 0 ended: status $alone_rc,"
if [ "$beside" == "$alone" ]; then
	pass honest-output-unchanged-beside-pgdir-flood
else
	fail honest-output-unchanged-beside-pgdir-flood "alone: $alone" "beside: $beside"
fi

# A second Guest that asks to be booted again: it alone restarts, with its
# own devices reset.
lg_run --timeout "$TIMEOUT" --guest one:cmdline=test=hello \
	--guest again:console="$tmp/again",cmdline=test=restart
expect second-guest-restarts-alone 0 '^guest1: booted again after 1 restart' \
	'^lguest: guest 1 ended: status 0' '^lguest: guest 0 ended: status 0'
if [ "$(grep -c 'Hello from the Guest' <<<"$stderr")" = 1 ]; then
	pass first-guest-booted-once
else
	fail first-guest-booted-once
fi
