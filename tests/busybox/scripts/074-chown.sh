touch f; mkdir d; touch d/g; ln -s f s
chown 123:456 f; stat -c '%u %g' f
chown 7 f; stat -c '%u %g' f
chown :8 f; stat -c '%u %g' f
chgrp 9 f; stat -c '%u %g' f
chown -R 11:12 d; stat -c '%n %u %g' d d/g
chown -h 21:22 s; stat -c '%n %u %g' s f
chown 31:32 s; stat -c '%n %u %g' s f
ls -ln f | awk '{print $3, $4}'
chmod 4755 f; chown 1:1 f; stat -c %a f
chown 1:1 nosuch 2>&1; echo "status $?"
