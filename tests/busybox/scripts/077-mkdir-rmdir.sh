umask 022
mkdir -p a/b/c; mkdir -p a/b/c; echo "again: $?"
mkdir x/y 2>&1; echo "status $?"
mkdir -m 700 priv; stat -c %a priv
mkdir -m 1777 sticky; stat -c %A sticky
mkdir -pm 711 q/r/s; stat -c '%n %a' q q/r q/r/s
touch file; mkdir file/sub 2>&1; mkdir file 2>&1
rmdir a 2>&1; echo "status $?"
rmdir file 2>&1; echo "status $?"
rmdir . 2>&1; echo "status $?"
rmdir a/b/c/.. 2>&1; echo "status $?"
rmdir -p a/b/c; ls
rmdir nosuch 2>&1; echo "status $?"
mkdir '' 2>&1; echo "status $?"
mkdir -p deep/./x/../y; find deep | sort
mkdir dd; cd dd; rmdir ../dd; pwd -P >/dev/null 2>&1; echo "cwd gone: $?"; ls 2>&1; echo "ls: $?"
touch new 2>&1; echo "touch in removed dir: $?"
