printf 'abc' > a; printf '' > e; seq 1 1000 > s
md5sum a e s
sha1sum a e
sha256sum a e s
sha512sum a | cut -c1-32
md5sum a e s > sums; md5sum -c sums
sha256sum a s > s256; sha256sum -c s256
echo changed >> s
md5sum -c sums 2>&1; echo "status $?"
sha256sum -c -s s256; echo "quiet status $?"
printf 'zzz  a\n' > bad; md5sum -c bad 2>&1; echo "status $?"
md5sum nosuch 2>&1; echo "status $?"
printf 'abc' | md5sum
printf 'abc' | sha3sum | cut -c1-20
crc32 a 2>/dev/null || true
