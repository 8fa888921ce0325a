#!/usr/bin/env bash
# The time of day, in both worlds: the Guest's clock is this machine's
# (QEMU's real-time clock starts at the host's UTC time; the Host reads it
# and tells the Guest, the native Guest reads it itself), files are stamped
# with it, and date -s moves it, as Linux's busybox sees it.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

# Seconds since 1970 at start, a file's stamp, then date -s and the clock
# read again; the file's stamp must not move with it.
# (One line: a kernel command line carries no newline.)
script='date +%s; touch /tmp/f; stat -c "stamp %Y" /tmp/f; date -s "2030-01-02 03:04:05" >/dev/null && date +"set %Y-%m-%d %H:%M"; sleep 1; date +"after %s"; stat -c "stamp-after %Y" /tmp/f'

for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	before=$(date +%s)
	lg_run $flag --timeout "$TIMEOUT" -- sh -c "$script"
	after=$(date +%s)
	guest=$(head -1 <<<"$stdout")
	# The real-time clock counts whole seconds: up to one behind.
	if [[ $guest =~ ^[0-9]+$ ]] && [ "$guest" -ge $((before - 1)) ] && [ "$guest" -le "$after" ]; then
		pass "time-of-day-is-the-machines-$world"
	else
		fail "time-of-day-is-the-machines-$world" "Guest said '$guest', here $before..$after"
	fi
	stamp=$(sed -n 's/^stamp //p' <<<"$stdout")
	if [ -n "$stamp" ] && [ "$stamp" -ge "$guest" ] && [ "$stamp" -le $((guest + 2)) ]; then
		pass "files-stamped-with-it-$world"
	else
		fail "files-stamped-with-it-$world" "stamp '$stamp', clock $guest"
	fi
	set_to=$(date -u -d "2030-01-02 03:04:05" +%s)
	expect "date-s-sets-it-$world" 0 '^set 2030-01-02 03:04$' "^stamp-after $stamp\$"
	later=$(sed -n 's/^after //p' <<<"$stdout")
	if [ -n "$later" ] && [ "$later" -ge $((set_to + 1)) ] && [ "$later" -le $((set_to + 3 + TIMEOUT)) ]; then
		pass "clock-runs-on-from-the-set-time-$world"
	else
		fail "clock-runs-on-from-the-set-time-$world" "after a second: '$later', set to $set_to"
	fi
done
