echo hello world
echo -n no newline; echo
printf '%s|%d|%x\n' abc 42 255
