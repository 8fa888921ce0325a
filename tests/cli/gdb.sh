#!/usr/bin/env bash
# --gdb: the command lguest prints attaches gdb with the Host's and the
# Guest's symbols; a breakpoint in each stops there with a true backtrace,
# and the run then goes on to its end.  Two runs at once get two ports;
# --gdb-port picks one, and a port in use is refused.  Natively, the Guest
# alone.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

if ! command -v gdb >/dev/null; then
	echo "skip gdb (no gdb: apt-get install gdb)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

# start_gdb_run NAME ARGS...: lguest run --gdb ARGS in the background;
# sets $cmd to the gdb command it printed (empty if none).
start_gdb_run() {
	local name=$1; shift
	timeout -k 5 $((TIMEOUT + 30)) "$LGUEST" run --gdb "$@" </dev/null >"$tmp/$name.out" 2>&1 &
	pids[$name]=$!
	cmd=
	for _ in $(seq 50); do
		# The whole line: it may be read while it is being written.
		cmd=$(sed -n "s/^lguest: QEMU is waiting for gdb: \(.*target remote [0-9.:]*'\)$/\1/p" "$tmp/$name.out")
		[ -n "$cmd" ] && return
		sleep 0.1
	done
}
declare -A pids

# frames PATTERN...: the last backtrace in $out has these functions, in
# this order, innermost first, and nothing it could not name.
frames() {
	local name=$1; shift
	local got
	got=$(grep -E '^#[0-9]+ ' <<<"$out" | sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([A-Za-z_0-9?]+) .*/\2/' | tr '\n' ' ')
	if [ "$got" = "$* " ]; then pass "$name"
	else fail "$name" "frames: $got" "wanted: $* "; fi
}

# The Host world: a breakpoint in the Guest, then one in the Host.
start_gdb_run host --timeout "$TIMEOUT" --cmdline "test=hello exit=7"
if [[ "$cmd" == gdb\ *host.elf\ *add-symbol-file\ *guest.elf*target\ remote\ 127.0.0.1:* ]]; then
	pass gdb-command-printed
else
	fail gdb-command-printed "printed: $cmd"
fi
out=$(eval "timeout 60 $cmd -batch -ex 'break test_hello' -ex continue -ex bt" \
	"-ex delete -ex 'break do_hcall' -ex continue -ex bt -ex delete -ex continue" 2>&1)
rc=0	# (gdb's own status says only that QEMU went away under it at the end)
guest_bt=$(sed -n '/^Breakpoint 1,/,/^Breakpoint 2 at/p' <<<"$out")
host_bt=$(sed -n '/^Breakpoint 2,/,$p' <<<"$out")
if grep -q "Remote 'g' packet reply is too long" <<<"$out"; then
	fail gdb-attaches "gdb cannot read the registers"
else
	expect gdb-attaches 0 '^Breakpoint 1, test_hello \(\) at guest/test/tests.c'
fi
out=$guest_bt frames gdb-guest-backtrace test_hello guest_main _start
out=$host_bt frames gdb-host-backtrace do_hcall do_hypercalls run_guest run_guests host_main _start
wait "${pids[host]}"; rc=$?
out=$(cat "$tmp/host.out")
expect gdb-run-goes-on-to-its-end 7 '^guest: Hello from the Guest'

# Natively: the Guest kernel is the only one.
start_gdb_run native --native --timeout "$TIMEOUT" --cmdline "test=hello"
if [[ "$cmd" == gdb\ *guest.elf\ -ex\ \'target\ remote\ 127.0.0.1:* && "$cmd" != *host.elf* ]]; then
	pass gdb-native-command-printed
else
	fail gdb-native-command-printed "printed: $cmd"
fi
out=$(eval "timeout 60 $cmd -batch -ex 'break test_hello' -ex continue -ex bt -ex delete -ex continue" 2>&1)
# (natively head.S calls guest_main from its multiboot path, not_lguest)
frames gdb-native-backtrace test_hello guest_main not_lguest
wait "${pids[native]}"; rc=$?
out=$(cat "$tmp/native.out")
expect gdb-native-run-goes-on-to-its-end 0 '^guest: Hello from the Guest'

# Two at once: each its own port, each attachable.
start_gdb_run one --timeout "$TIMEOUT"
cmd_one=$cmd
start_gdb_run two --timeout "$TIMEOUT"
cmd_two=$cmd
port_one=${cmd_one##*127.0.0.1:}; port_one=${port_one%\'}
port_two=${cmd_two##*127.0.0.1:}; port_two=${port_two%\'}
if [ -n "$port_one" ] && [ -n "$port_two" ] && [ "$port_one" != "$port_two" ]; then
	pass gdb-two-runs-two-ports
else
	fail gdb-two-runs-two-ports "ports '$port_one' and '$port_two'"
fi
# A port taken is refused when asked for by name.
out=$("$LGUEST" run --dry-run --gdb-port "$port_one" </dev/null 2>&1); rc=$?
expect gdb-port-in-use-refused 2 "^lguest: --gdb-port $port_one: the port is in use"
for c in "$cmd_one" "$cmd_two"; do
	eval "timeout 60 $c -batch -ex continue" >/dev/null 2>&1
done
wait "${pids[one]}"; rc_one=$?
wait "${pids[two]}"; rc_two=$?
if [ "$rc_one" = 0 ] && [ "$rc_two" = 0 ]; then pass gdb-two-runs-both-end
else fail gdb-two-runs-both-end "statuses $rc_one and $rc_two"; fi

lg_run --dry-run --gdb-port 47123
expect gdb-port-chosen 0 ' -gdb tcp:127.0.0.1:47123 -S'
lg_run --dry-run --gdb-port 65536
expect gdb-port-out-of-range 2 '^lguest: --gdb-port 65536: a TCP port is a number from 1 to 65535'
