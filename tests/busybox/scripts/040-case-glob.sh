touch a.c b.c c.h
echo *.c
echo *.[ch] | tr ' ' '\n' | sort | tr '\n' ' '; echo
for f in *; do case $f in *.c) echo "C $f";; *) echo "other $f";; esac; done
echo nomatch*
