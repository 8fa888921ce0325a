mkdir -p a/b/c
touch a/b/c/file a/x
find a | sort
rmdir a/b/c 2>&1 || echo "rmdir failed: not empty"
rm -r a && echo removed
ls -a
