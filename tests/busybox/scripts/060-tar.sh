mkdir src; echo one > src/1; echo two > src/2
tar cf a.tar src
mkdir out; tar xf a.tar -C out
cat out/src/1 out/src/2
tar tf a.tar | sort
