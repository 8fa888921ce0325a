#!/usr/bin/env bash
# user/readline keeps within its 64-byte buffer: a line of 63 characters
# is read whole, a longer one read to its end and said cut (a 64-character
# line once wrote buf[64], over its own output).  Both worlds.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
x63=$(printf 'x%.0s' $(seq 63))
for world in "" --native; do
	for extra in "" y yyyy; do
		(sleep 1; printf '%s\n' "$x63$extra"; sleep 2) |
			timeout $((TIMEOUT + 15)) "$LGUEST" run $world --timeout "$TIMEOUT" \
			--initrd build/initrd.cpio --cmdline "test=run run=readline" >"$log" 2>&1
		rc=$?
		# A NUL in the output (the overflow's mark) shows as @.
		out=$(tr '\0' '@' <"$log")
		want="^readline: read \"$x63\"\$"
		[ -n "$extra" ] && want="^readline: read \"$x63\" and cut ${#extra} more\$"
		expect "readline-$((63 + ${#extra}))-characters${world:+-native}" 0 "$want" '^readline: type a line$'
	done
done
