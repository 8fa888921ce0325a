mkdir -p t/a/b t/c; echo x > t/a/f1; : > t/empty; ln -s a t/link; echo y > t/c/f2
touch -d @1000000000 t/a/f1 t/empty t t/a t/a/b t/c
touch -d @1000000002 t/c/f2
touch -d @1000000001 ref
find t -newer ref | sort
find t -type l
find t -empty | sort
find t -maxdepth 1 | sort
find t -mindepth 2 | sort
find t -name 'f*' -print0 | sort -z | xargs -0 cat
find t -type f -exec sh -c 'echo "$#: $*"' sh {} + | tr ' ' '\n' | sort
find t -path '*a/*' | sort
find t -type f -size +0 | sort
find t -name f2 -o -name f1 | sort
find t ! -type d | sort
find t/link; find -L t/link | sort
find nosuch 2>&1; echo "status $?"
