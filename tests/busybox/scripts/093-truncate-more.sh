printf '0123456789' > f
truncate -s 4 f; cat f; echo
truncate -s 8 f; od -An -c f
truncate -s 0 f; wc -c < f
truncate -c -s 5 nothere; ls nothere 2>/dev/null || echo "not created"
truncate -s 3 created; wc -c < created
truncate -s 1000000 sp; stat -c %s sp; tail -c 1 sp | od -An -tx1
printf 'abc' > g; truncate -s 2 g; printf 'Z' >> g; cat g; echo
printf 'abcdef' > h; exec 3<> h; truncate -s 2 h; printf 'QQ' >&3; exec 3>&-; od -An -c h
truncate -s 10 /nonexist/file 2>&1; echo "status $?"
mkdir d; truncate -s 1 d 2>&1; echo "status $?"
fallocate -l 4096 fa && stat -c %s fa
fallocate -o 10000 -l 5 fa; stat -c %s fa; tail -c 3 fa | od -An -tx1
echo hi > fb; fallocate -o 1 -l 1 fb; cat fb
fallocate -l 10 /dev/null 2>&1; echo "null $?"
mkfifo ff; fallocate -l 10 ff 2>&1; echo "fifo $?"
fallocate -l 0 fc 2>&1; echo "zero $?"
(ulimit -f 1; trap '' XFSZ; fallocate -l 1000 fd 2>&1; echo "fsize $?") | cat
