timeout 10 true; echo "true: $?"
timeout 10 false; echo "false: $?"
timeout 1 sleep 30; echo "timed out: $?"
timeout -s INT 1 sleep 30; echo "INT: $?"
timeout -s KILL 1 sleep 30; echo "KILL: $?"
timeout 10 sh -c 'exit 42'; echo "42: $?"
sleep 0.2; echo "fraction: $?"
sleep 0.05s 2>/dev/null; echo "suffix: $?"
usleep 1000; echo "usleep: $?"
sleep -1 2>/dev/null; echo "negative: $?"
sleep abc 2>&1; echo "bad: $?"
(sleep 0.3; echo second) > bg & echo first; wait; cat bg
time -p true 2>&1 | awk '{print $1}'
