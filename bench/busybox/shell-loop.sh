# A 20,000-iteration shell loop: the shell alone, no system calls to speak
# of: what the CPU costs in each world.
. "${0%/*}/clock.sh"
start
i=0
while [ $i -lt 20000 ]; do i=$((i + 1)); done
stop shell-loop
