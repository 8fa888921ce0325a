printf 'a 1\nb 2\nc 3\n' | awk '{s += $2; print $1} END {print "sum", s}'
echo "x:y:z" | awk -F: '{print $2, NF}'
awk 'BEGIN { for (i = 0; i < 3; i++) printf "%d ", i*i; print "" }'
