# 10,000 round trips between two processes through two FIFOs: a line out,
# the echo back.  The shell's own cost (its read takes a byte a call) is
# in every world alike.
. "${0%/*}/clock.sh"
dir=$TMP/roundtrip.$$
mkdir "$dir" && mkfifo "$dir/ping" "$dir/pong" || exit 1
# The echoer opens ping first, as we do: neither open waits forever.
(while read -r line; do echo "$line"; done <"$dir/ping" >"$dir/pong") &
exec 3>"$dir/ping" 4<"$dir/pong"
start
i=0
while [ $i -lt 10000 ]; do echo $i >&3; read -r line <&4; i=$((i + 1)); done
stop pipe-roundtrip
exec 3>&- 4<&-
wait
rm -r "$dir"
