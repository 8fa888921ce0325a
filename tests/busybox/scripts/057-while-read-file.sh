printf 'l1\nl2\nl3\n' > lines
n=0; while read line; do n=$((n+1)); echo "$n:$line"; done < lines
