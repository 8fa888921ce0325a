umask 022
mkdir -p src/sub/deeper; echo one > src/1; echo two > src/sub/2; ln -s 1 src/link; ln src/1 src/hard
chmod 751 src/sub; chmod 600 src/1; touch -d @1000000000 src/1 src/sub/2
tar cf a.tar src
tar tf a.tar | sort
mkdir out; tar xf a.tar -C out
stat -c '%n %a %F' out/src/1 out/src/link out/src/sub out/src/sub/deeper | sort
stat -c '%n %Y' out/src/1 out/src/sub/2
readlink out/src/link
[ "$(stat -c %i out/src/1)" = "$(stat -c %i out/src/hard)" ] && echo "hard link kept"
tar czf a.tgz src && mkdir z && tar xzf a.tgz -C z && diff -r src z/src && echo "gz same"
tar cf - src | (cd out && mkdir p && cd p && tar xf -) && cat out/p/src/sub/2
tar xf a.tar -C out src/sub/2 2>&1; echo "status $?"
tar tf nosuch.tar 2>&1; echo "status $?"
head -c 700 a.tar > cut.tar; tar tf cut.tar 2>&1; echo "truncated status $?"
