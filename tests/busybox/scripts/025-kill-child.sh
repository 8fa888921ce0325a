sleep 10 &
pid=$!
kill $pid
wait $pid; echo "status $?"
sh -c 'kill -9 $$'; echo "killed: $?"
