printf 'one\ntwo\nthree\n' > f
chmod 640 f
sed -i 's/two/TWO/' f; cat f
stat -c %a f
sed -i.bak '1d' f; cat f; cat f.bak
ln -s f lnk; sed -i 's/three/3/' lnk 2>&1; cat f
printf 'a\nb\nc\nd\n' | sed -n '2,3p'
printf 'a\nb\nc\n' | sed '1!G;h;$!d'
printf 'hello\n' | sed 'y/lo/01/'
printf 'x1\nx2\n' > g; printf 'y1\n' > h
sed -i 's/^/>/' g h; cat g h
sed -i 's/x/z/' nosuch 2>&1; echo "status $?"
ls
