echo hello | tee a b c > d
cat a b c d
echo more | tee -a a b >/dev/null
cat a b
seq 1 20000 | tee big1 big2 | md5sum
cmp big1 big2 && md5sum < big1
echo x | tee nodir/f 2>&1; echo "status $?"
echo y | tee /dev/null
echo z | tee a a > /dev/null; cat a
