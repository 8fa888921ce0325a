printf 'b 2\na 1\nc 3\na 4\n' > in
awk '{ s[$1] += $2 } END { for (k in s) printf "%s=%d\n", k, s[k] }' in | sort
awk '{ printf "%-3s|%5.1f|%03d\n", $1, $2 / 3, NR }' in
awk 'BEGIN { n = split("x:y:z", a, ":"); print n, a[1], a[3] }'
awk 'BEGIN { s = "hello world"; gsub(/o/, "0", s); print s, length(s), substr(s, 3, 4), index(s, "w") }'
awk -F: '{ print NF, $NF }' <<EOF2
a:b:c
d
EOF2
awk 'NR % 2 == 0' in
awk '{ $2 = $2 * 10 } 1' in
awk 'BEGIN { OFS = "-" } { $1 = $1; print }' in
awk 'BEGIN { while ((getline line < "in") > 0) n++; print n }'
awk 'BEGIN { system("echo from system"); x = system("exit 3"); print x }'
awk 'BEGIN { printf "%c%c\n", 65, "BCD" }'
awk 'BEGIN { print toupper("abc"), tolower("DEF"), sprintf("%05.2f", 3.14159) }'
awk 'BEGIN { print 2^10, 7 % 3, int(-3.7), 1e3 }'
awk '/a/ { c++ } END { print c }' in
awk 'BEGIN { a["x"]; delete a["x"]; print length(a) }'
awk '{ print > ($1 ".out") } END { close("a.out"); while ((getline l < "a.out") > 0) print "a:", l }' in
awk 'BEGIN { "echo piped" | getline v; print v }'
awk 'BEGIN { print "to sort" | "sort"; print "a first" | "sort"; close("sort"); print "done" }'
awk 'BEGIN { exit 5 }'; echo "awk exit: $?"
awk 'BEGIN { match("foobar", /ob/); print RSTART, RLENGTH }'
seq 1 5 | awk '{ sum += $1 } END { print sum, sum / NR }'
