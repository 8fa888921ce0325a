trap 'echo got TERM' TERM
kill -s TERM $$; echo "after term"
trap 'echo got ALRM' ALRM
kill -ALRM $$; echo "after alrm"
trap 'echo got USR2' 12
kill -12 $$
trap
trap - TERM ALRM USR2
trap
kill -l 9; kill -l 15; kill -l 143; kill -l TERM
kill -l | tr '\n' ' ' | cut -c1-60; echo
sh -c 'kill -TERM $$'; echo "term: $?"
sh -c 'kill -USR2 $$'; echo "usr2: $?"
sh -c 'kill -s KILL $$'; echo "kill: $?"
sh -c 'kill -ALRM $$'; echo "alrm: $?"
sh -c 'trap "echo sub exit" EXIT; exit 3'; echo "exit trap: $?"
sh -c 'trap "echo sub term; exit 7" TERM; kill $$; echo not here'; echo "handled: $?"
sh -c 'trap "" TERM; kill $$; echo ignored'; echo "ignored: $?"
sh -c 'trap "" INT; sh -c "kill -INT \$\$; echo child ignores too"'
(trap 'echo subshell exit' EXIT; exit 2); echo "subshell: $?"
sleep 30 & p=$!; kill -STOP $p; kill -CONT $p; kill $p; wait $p; echo "stopped then killed: $?"
kill -s BOGUS $$ 2>&1; echo "bogus: $?"
kill 99999 2>&1; echo "no such pid: $?"
