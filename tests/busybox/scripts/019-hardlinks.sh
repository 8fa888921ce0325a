echo data > h1
ln h1 h2
echo more >> h2
cat h1
stat -c '%h' h1
rm h1; cat h2; stat -c '%h' h2
