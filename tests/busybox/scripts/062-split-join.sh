seq 1 10 > s
head -4 s > part1; tail -n +5 s > part2
cat part1 part2 | cmp - s && echo rejoined
sed -n '3p;7p' s
