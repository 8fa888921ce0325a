echo 'echo hi' > noexec
./noexec 2>/dev/null; echo "status $?"
./nonexistent 2>/dev/null; echo "status $?"
