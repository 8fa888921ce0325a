# execve's argument limits, as Linux's: many arguments, one of 100 KB, an
# environment string longer than a page (as PWD is in a deep directory),
# and xargs's batches (sized from sysconf(_SC_ARG_MAX), a quarter of the
# stack limit: the kernel must take what that promises).
sh -c 'echo $# ${1} ${20000}' sh $(seq 1 20000)
long=$(printf '%0100000d' 7)
sh -c 'echo ${#1} ${1%%0*}${1##*0}' sh "$long"
BIG=$(printf '%05000d' 0) sh -c 'echo ${#BIG}'
seq 1 300000 | xargs sh -c 'echo $#' sh | awk '{ n++; s += $1 } END { print n, s }'
