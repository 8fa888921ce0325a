# 500 fork+exec of true: clone, execve of a static ELF, exit, wait4.
. "${0%/*}/clock.sh"
start
i=0
while [ $i -lt 500 ]; do "$BIN/true"; i=$((i + 1)); done
stop fork-exec
