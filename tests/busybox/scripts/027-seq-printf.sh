seq 5 -1 1 | tr '\n' ' '; echo
seq -s, 1 5
printf '%5s|%-5s|%05d\n' ab cd 42
printf '%c%c\n' x y
