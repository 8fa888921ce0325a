seq 1 5000 > plain
gzip -c plain > good.gz
gzip -t good.gz && echo "good tests ok"
head -c 100 good.gz > short.gz
gzip -dc short.gz > /dev/null 2>&1; echo "truncated status $?"
gzip -dc short.gz 2>/dev/null | wc -c
printf 'not gzip at all' > junk.gz
gzip -d junk.gz 2>&1; echo "junk status $?"
ls junk*
dd if=good.gz bs=1 count=40 2>/dev/null > bad.gz; printf 'XXXXXXXX' >> bad.gz; dd if=good.gz bs=1 skip=48 2>/dev/null >> bad.gz
gzip -dc bad.gz > /dev/null 2>&1; echo "corrupt status $?"
cp good.gz keep.gz; gzip -d keep.gz; ls keep*; cmp keep plain && echo "same"
gzip -9 plain; ls plain*; gzip -l plain.gz 2>/dev/null | tail -1 | awk '{print $2}'
gunzip plain.gz; wc -l < plain
cat good.gz good.gz | gzip -dc | wc -l
gzip -d nosuch.gz 2>&1; echo "status $?"
