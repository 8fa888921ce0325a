sh -c 'exit 255'; echo $?
sh -c 'exit 256'; echo $?
sh -c 'exit 300'; echo $?
sh -c 'exit -1' 2>&1; echo $?
sh -c 'kill -SEGV $$'; echo "segv: $?"
sh -c 'kill -USR1 $$'; echo "usr1: $?"
sh -c 'kill -PIPE $$'; echo "pipe: $?"
sh -c 'kill -QUIT $$' 2>/dev/null; echo "quit: $?"
nosuchcommand 2>/dev/null; echo "not found: $?"
touch plain; chmod 644 plain; ./plain 2>/dev/null; echo "not executable: $?"
mkdir adir; ./adir 2>/dev/null; echo "directory: $?"
printf '#!/nonexistent/interp\n' > badint; chmod +x badint; ./badint 2>/dev/null; echo "bad interpreter: $?"
printf '\177ELF garbage' > badelf; chmod +x badelf; ./badelf 2>/dev/null; echo "bad elf: $?"
printf 'echo no shebang runs in sh\n' > noshebang; chmod +x noshebang; ./noshebang; echo "no shebang: $?"
printf '#!/bin/sh\nexit 77\n' > s77; chmod +x s77; ./s77; echo "script: $?"
! true; echo "negated: $?"
false | true; echo "pipe last: $?"
sh -c 'exit 3' || echo "or: $?"
(exit 129); echo "$?"
