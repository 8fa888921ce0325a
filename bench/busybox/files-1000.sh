# Create 1,000 empty files (the shell's own open/close, no process per
# file), then delete them with one rm.
. "${0%/*}/clock.sh"
dir=$TMP/files.$$
mkdir "$dir" || exit 1
start
i=0
while [ $i -lt 1000 ]; do : >"$dir/f$i"; i=$((i + 1)); done
stop files-create
start
rm -r "$dir"
stop files-delete
