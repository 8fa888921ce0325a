sh -c 'echo $$ > mypid; exec sleep 0'
[ -s mypid ] && echo "pid recorded"
kill -0 $$ && echo "self alive"
