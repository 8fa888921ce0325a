sleep 0 & wait $!; echo "waited: $?"
(exit 5) & wait $!; echo "bg status: $?"
for i in 1 2 3; do (echo "job $i" > j$i) & done; wait; cat j1 j2 j3
