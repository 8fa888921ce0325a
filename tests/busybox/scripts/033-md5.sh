printf 'abc' | md5sum
seq 1 10000 > big; md5sum big
sha1sum big | cut -c1-40
