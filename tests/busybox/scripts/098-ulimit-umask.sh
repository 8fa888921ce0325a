ulimit -n 100; ulimit -n
ulimit -S -n 50; ulimit -S -n; ulimit -H -n
ulimit -S -n 80; ulimit -S -n; ulimit -S -n 101 2>/dev/null; echo "soft above hard: $?"
ulimit -c 0; ulimit -c
ulimit -s 4096; ulimit -s
ulimit -v 500000; ulimit -v
ulimit -d unlimited 2>/dev/null; ulimit -d
sh -c 'ulimit -n'
(ulimit -f 1; echo x > tiny; dd if=/dev/zero of=limited bs=1024 count=4 2>/dev/null) >/dev/null 2>&1; echo "dd: $?"; wc -c < tiny; stat -c %s limited
(ulimit -f 1; trap '' XFSZ; dd if=/dev/zero of=lim2 bs=1024 count=4 2>&1; echo "dd: $?") | grep -v records | sed 's/.*: //'; stat -c %s lim2
(ulimit -f 2; trap '' XFSZ; truncate -s 2000 lim3; truncate -s 1024 lim3) 2>&1 | sed 's/.*: //'; stat -c %s lim3
umask 022; umask; umask -S
umask u=rwx,g=rx,o=; umask; umask -S
umask g+w; umask
umask 7777 2>/dev/null; umask
umask a=; umask -S
umask 999 2>/dev/null; echo "bad umask: $?"
