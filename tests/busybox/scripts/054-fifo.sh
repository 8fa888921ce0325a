mkfifo p
stat -c %F p
(echo through fifo > p) &
cat p
wait
