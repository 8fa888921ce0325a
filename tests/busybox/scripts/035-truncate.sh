seq 1 100 > tr
truncate -s 10 tr; cat tr; echo
truncate -s 20 tr; wc -c tr; od -c tr | tail -2
