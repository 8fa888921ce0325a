sh -c 'tr "\0" "|" < /proc/$$/cmdline; :' arg0 one 'two words'; echo
cat /proc/self/stat | awk '{print $2, $3}'
sh -c 'echo $$ > p; exec cat /proc/self/stat' | awk '{print $2, $3}'
[ "$(sh -c 'echo $$; exec awk "{print \$1}" /proc/self/stat' | sort -u | wc -l)" = 1 ] && echo "exec keeps pid"
sh -c 'echo $PPID; awk "{print \$4}" /proc/$$/stat' | uniq | wc -l
grep '^Name:' /proc/self/status
grep -c '^Uid:' /proc/self/status
readlink /proc/self/fd/0
[ -d /proc/1 ] && echo "init visible"
sh -c 'kill -0 $$ && [ -d /proc/$$ ] && echo "own pid dir"'
test -e /proc/999999 || echo "no such pid dir"
head -1 /proc/meminfo | awk '{print $1}'
readlink /proc/self/cwd | sed 's|.*/||'
