mkdir d; cd d
i=0; while [ $i -lt 2000 ]; do : > "file$i"; i=$((i + 1)); done
ls | wc -l
ls -a | wc -l
ls | sort | md5sum
ls | sort -V 2>/dev/null | tail -1
find . -type f | wc -l
rm file1*; ls | wc -l
cd ..; rm -r d; ls
for i in $(seq 1 300); do echo $i > p$i; done
paste p1 p2 p3 | cat
names=$(for i in $(seq 1 100); do echo p$i; done)
(ulimit -n 64; paste $names 2>&1 | sed 's/: p[0-9]*:/: pN:/'; echo "paste status: $?")
paste $(for i in $(seq 1 200); do echo p$i; done) | wc -w
exec 3<p1 4<p2 5<p3 6<p4 7<p5 8<p6 9<p7
cat <&9 <&3; exec 3<&- 4<&- 5<&- 6<&- 7<&- 8<&- 9<&-
