mkdir a b; echo x > a/f
mv a/f b/; ls a b
mv b a/; find a | sort
echo y > y; mv y a/b/f; cat a/b/f
mkdir c; mkdir -p d/c; touch d/c/keep; mv c d/ 2>&1; echo "status $?"
mkdir e; mkdir -p d/e; mv e d/ && echo "onto empty dir ok"
mv a a/b 2>&1; echo "status $?"
touch file; mkdir dir; mv dir file 2>&1; echo "status $?"
mkdir dir2; mv file dir2/ && ls dir2
mv nosuch x 2>&1; echo "status $?"
mv dir2/file dir2/file && echo "same ok"
find . | sort
