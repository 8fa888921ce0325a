env -i sh -c 'env | sort' | sed 's/^PWD=.*/PWD=set/'
env -i A=1 B=2 env | sort
env -u HOME sh -c 'echo "HOME=${HOME:-unset}"'
env - C=3 env
X=1 env | grep '^X='
env nosuchcmd 2>&1; echo "status $?"
sh -c 'exec echo exec replaced'; echo "after: $?"
(exec 2>&1; ls nosuch) | sed 's/.*nosuch.*/stderr went to stdout/'
