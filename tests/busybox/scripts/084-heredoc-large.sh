{ echo 'cat <<END | md5sum'; seq 1 20000; echo END; } > big.sh
sh big.sh
seq 1 20000 | md5sum
{ echo 'wc -c <<END'; seq 1 1500; echo END; } > mid.sh; sh mid.sh
x=$(seq -s' ' 1 3000)
cat <<E | wc -c
$x
$x
E
cat <<-EOF2
	tabs stripped
		two tabs
	EOF2
{ echo 'f() { cat; }'; echo 'f <<X >out'; seq 1 10000; echo X; echo 'wc -l out'; } > fn.sh; sh fn.sh
{ echo 'read a <<X'; head -c 70000 /dev/zero | tr '\0' q; echo; echo X; echo 'echo ${#a}'; } > rd.sh; sh rd.sh
while read l; do echo "[$l]"; done <<END
one
two
END
cat <<A; cat <<B
first
A
second
B
