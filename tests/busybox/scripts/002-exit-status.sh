true; echo "true: $?"
false; echo "false: $?"
sh -c 'exit 7'; echo "sh -c exit 7: $?"
(exit 3); echo "subshell: $?"
