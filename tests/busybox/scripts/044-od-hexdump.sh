printf 'ABC\001\377' | od -An -tx1
printf 'hello' | hexdump -C
