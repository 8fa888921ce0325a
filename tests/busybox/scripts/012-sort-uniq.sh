printf 'b\na\nc\na\nb\na\n' > in
sort in | uniq -c
sort -r in | uniq
sort -u in
printf '10\n9\n100\n' | sort -n
