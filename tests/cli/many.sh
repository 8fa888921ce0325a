#!/usr/bin/env bash
# Several Guests on one Host (lguest run --guest, docs/10-many-guests.md):
# each with its own memory and command line ending with its own status; a
# hostile Guest killed alone beside an honest one whose output is what it
# is alone; three CPU-bound Guests sharing the CPU in thirds.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Two Guests, different memory: each says its own size, on its own console.
lg_run --timeout "$TIMEOUT" --guest one:mem=32M,cmdline=test=hello \
	--guest two:mem=48M,console="$tmp/two",cmdline=test=hello
expect two-guests 0 '^guest: Hello from the Guest: 32 MiB' \
	'^lguest: guest 1 is two, its console in '"$tmp/two" \
	'^lguest: guest 0 ended: status 0' '^lguest: guest 1 ended: status 0'
if grep -q '^Hello from the Guest: 48 MiB of memory, command line "test=hello"' "$tmp/two" &&
   ! grep -q '48 MiB' <<<"$out" && ! grep -q '32 MiB' "$tmp/two"; then
	pass two-guests-consoles-apart
else
	fail two-guests-consoles-apart "the second Guest's console: $(cat "$tmp/two")"
fi

# Three Guests, each its own status; the run's is the first Guest's.
lg_run --timeout "$TIMEOUT" --guest a:mem=24M,cmdline="test=hello exit=7" \
	--guest b:mem=40M,console="$tmp/b",cmdline="test=hello exit=3" \
	--guest c:mem=56M,console="$tmp/c",cmdline="test=hello exit=5"
expect three-guests-statuses 7 '^lguest: guest 0 ended: status 7' \
	'^lguest: guest 1 ended: status 3' '^lguest: guest 2 ended: status 5'
if grep -q '40 MiB.*exit=3' "$tmp/b" && grep -q '56 MiB.*exit=5' "$tmp/c"; then
	pass three-guests-own-command-lines
else
	fail three-guests-own-command-lines "b: $(cat "$tmp/b")" "c: $(cat "$tmp/c")"
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
# honest one's console is byte for byte what it says alone.
lg_run --timeout "$TIMEOUT" --guest bad:cmdline="test=hostile-privileged insn=lgdt" \
	--guest honest:console="$tmp/honest",cmdline=test=fpu-survives
expect hostile-first-killed-alone 101 \
	'^lguest: guest 0 ended: status 101, .*killed: privileged instruction' \
	"^lguest: guest 1 ended: status $alone_rc,"
if [ "$(cat "$tmp/honest")" == "$alone" ]; then
	pass honest-console-unchanged-beside-hostile
else
	fail honest-console-unchanged-beside-hostile "alone: $alone" "beside: $(cat "$tmp/honest")"
fi

# Two Guests switching their FPU registers under each other.
lg_run --timeout "$TIMEOUT" --guest a:cmdline=test=fpu-switch \
	--guest b:console="$tmp/fb",cmdline=test=fpu-switch
expect fpu-apart 0 '^lguest: guest 0 ended: status 0' '^lguest: guest 1 ended: status 0'

# Three Guests that spin for a second of TSC time with interrupts off: the
# Host's tick takes the CPU from each in turn, so each runs in many slices
# and has about a third of the TSC time they took together.
lg_run --timeout "$TIMEOUT" --guest a:cmdline=test=hostile-spin \
	--guest b:console="$tmp/sb",cmdline=test=hostile-spin \
	--guest c:console="$tmp/sc",cmdline=test=hostile-spin
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
