umask 022
mkdir -p src/sub; echo a > src/f; echo b > src/sub/g; ln -s f src/link; chmod 741 src/f
touch -d @1000000000 src/f src/sub/g
cp -a src dst
stat -c '%n %a %F' dst/f dst/link dst/sub dst/sub/g; stat -c '%n %s' dst/f dst/link dst/sub/g
stat -c '%n %Y' dst/f dst/sub/g
readlink dst/link
cp -r src dst2; stat -c '%n %F' dst2/link dst2/sub/g
cp src/f new; stat -c '%a' new
cp -p src/f p; stat -c '%a %Y' p
cp src/f src/sub; cat src/sub/f
cp src nodir 2>&1; echo "status $?"
cp src/f src/f 2>&1; echo "status $?"
cp -R src/sub src/sub/inner 2>&1; echo "status $?"
echo over > o; cp src/f o; cat o
