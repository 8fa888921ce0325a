printf 'a\nb\n\nc\n' | cat -n
printf 'x\ty\n' | cat -A 2>/dev/null || printf 'x\ty\n' | od -c | head -1
