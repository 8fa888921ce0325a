mkdir -p p/q
cd p/q; pwd | sed 's|.*/p/q$|ends in p/q|'
cd ..; basename "$(pwd)"
cd -- q && cd ../.. && ls -d p
