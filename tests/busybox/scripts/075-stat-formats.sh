mkdir -p d/s1 d/s2; echo hello > d/f; ln d/f d/hard; ln -s f d/sym; mkfifo d/p
stat -c '%n|%s|%a|%A|%F|%h' d/f d/hard d/sym d/p; stat -c '%n|%a|%A|%F|%h' d/s1
stat -c '%h' d
stat -L -c '%F %s' d/sym
stat -c '%N' d/sym d/f
stat -c '%t %T %F' /dev/null /dev/zero /dev/full /dev/urandom /dev/random
stat -c '%s %u %g' /dev/null
stat -c '%d' d/f d/hard | uniq | wc -l
[ "$(stat -c %i d/f)" = "$(stat -c %i d/hard)" ] && echo "same inode"
[ "$(stat -c %i d/f)" != "$(stat -c %i d/sym)" ] && echo "sym has own inode"
stat -c '%X %Y %Z' d/f | awk '{print ($1 > 0 && $2 > 0 && $3 > 0) ? "times set" : "zero"}'
touch -d @1234567890 d/f; stat -c '%Y %y' d/f
stat nosuch 2>&1; echo "status $?"
stat -c '%s' d/f d/nosuch 2>&1; echo "status $?"
