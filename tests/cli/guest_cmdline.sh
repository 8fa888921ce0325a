#!/usr/bin/env bash
# What the Guest makes of its command line, in both worlds: a number too
# big to hold is refused (not wrapped), test=list names every test and an
# unknown test lists them too, and a disk read past the end fails.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

img=$(mktemp)
trap 'rm -f "$img"' EXIT
head -c 4096 /dev/zero >"$img"

for world in "" --native; do
	w=${world:+-native}
	lg_run $world --timeout "$TIMEOUT" --cmdline "test=hello exit=4294967297"
	expect "number-too-big-refused$w" 100 'Guest crashed: exit=4294967297 is too big \(the most is 4294967295\)'
	lg_run $world --timeout "$TIMEOUT" --cmdline "test=hello exit=4294967296"
	expect "number-one-past-the-most-refused$w" 100 'Guest crashed: exit=4294967296 is too big'
	lg_run $world --timeout "$TIMEOUT" --cmdline "test=hello exit=0000000007"
	expect "number-with-leading-zeros$w" 7

	lg_run $world --timeout "$TIMEOUT" --cmdline "test=list"
	expect "test-list$w" 0 '^guest: tests:( [a-z0-9-]+)+$' ' hello( |$)' ' disk-read( |$)' ' run( |$)'
	lg_run $world --timeout "$TIMEOUT" --cmdline "test=nosuch"
	expect "unknown-test-lists-the-names$w" 100 '^guest: tests:.* hello( |$)' \
		'Guest crashed: no test called "nosuch" \(test=list lists them\)'

	# The image has 8 sectors: 7 is the last, 8 is past the end.
	lg_run $world --timeout "$TIMEOUT" --disk "$img" --cmdline "test=disk-read sector=7"
	expect "disk-read-last-sector$w" 0 '^guest: disk-read: sector 7 status 0'
	lg_run $world --timeout "$TIMEOUT" --disk "$img" --cmdline "test=disk-read sector=8"
	expect "disk-read-past-the-end-fails$w" 100 '^guest: disk-read: sector 8 status 1' \
		'Guest crashed: disk-read: the read failed with status 1'
done
