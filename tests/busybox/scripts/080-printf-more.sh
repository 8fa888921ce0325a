printf '%b\n' 'tab\there' 'nl\\n' 'oct\0101' 'stop\cignored'
printf 'after c\n'
printf '%x %X %o %#x %#o\n' 255 255 8 255 8
printf '%5.2f|%-8.3e|%g\n' 3.14159 1234.5 0.0001
printf '%*d|%-*d|\n' 5 42 4 7
printf '%s-%s\n' a b c
printf '%d\n' 0x10 010 "'A"
printf '%d\n' abc 2>&1; echo "status $?"
printf '%d\n' 12abc 2>&1; echo "status $?"
printf '%i %u\n' -1 -1
printf '%.3s|\n' abcdef
printf '%%|%c|\n' hello
printf '\x41\102\u00e9\n'
printf 'no newline'; echo
printf '%s\n'
printf -- '-dash\n'
