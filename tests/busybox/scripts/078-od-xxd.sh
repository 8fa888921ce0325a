printf 'ABCDEFGHIJKLMNOPQRSTUVWXYZ\000\001\002\377\376\n\t\\' > bin
od -c bin
od -An -tx2 bin
od -An -td1 -N 8 bin
od -An -to1 -j 26 bin
od -Ax -tx1 bin | head -2
od -b -w8 bin | head -2
head -c 64 /dev/zero > z; cat bin >> z; head -c 64 /dev/zero >> z
hexdump -C z
hexdump -v -e '8/1 "%02x " "\n"' bin
xxd bin
xxd -p bin | xxd -r -p | cmp - bin && echo "xxd round trip"
xxd -s 4 -l 8 bin
xxd bin | xxd -r > back; cmp bin back && echo "xxd -r ok"
printf '\x80\xff' | od -An -tu1 -td1
