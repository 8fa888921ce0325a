echo content > f1
cat f1
echo more >> f1
cat f1
wc -c f1
cp f1 f2 && cmp f1 f2 && echo same
mv f2 f3 && ls
rm f1 f3 && ls | wc -l
