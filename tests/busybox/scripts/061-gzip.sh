seq 1 2000 > plain
gzip -c plain > plain.gz
gunzip -c plain.gz | md5sum
md5sum plain
zcat plain.gz | tail -1
