umask 022
touch m; mkdir d
stat -c '%a %F' m d
chmod 600 m; stat -c '%a' m
chmod u+x,g+r m; stat -c '%a' m
umask 077; touch m2; stat -c '%a' m2
