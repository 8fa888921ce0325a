echo target > t
ln -s t l
cat l
readlink l
ln -s nowhere dangling
cat dangling 2>/dev/null || echo "dangling fails"
ls -l l | awk '{print $1, $(NF-2), $(NF-1), $NF}'
[ -L l ] && echo "is a link"
