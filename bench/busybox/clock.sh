# Sourced by every workload.  The clock is ash's $EPOCHREALTIME: seconds
# with six decimals from gettimeofday, the same in every world (busybox's
# date has no %N, and /proc/uptime ticks in 10 ms).  Each workload prints
# "bench NAME MICROSECONDS" for bench/busybox.sh to read.
# BIN is where the applets are (/bin in a Guest, a link farm on this
# machine); TMP a tmpfs directory of the workload's own.
: "${BIN:=/bin}" "${TMP:=/tmp}"
[ -n "$EPOCHREALTIME" ] || { echo "bench-error no EPOCHREALTIME in this shell"; exit 1; }
start() { t0=${EPOCHREALTIME/./}; }
stop() { t1=${EPOCHREALTIME/./}; echo "bench $1 $((t1 - t0))"; }
