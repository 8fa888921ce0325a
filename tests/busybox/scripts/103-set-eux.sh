sh -c 'set -e; echo one; false; echo not reached'; echo "set -e: $?"
sh -c 'set -e; false || echo "or saves"; if false; then :; fi; echo survives'
sh -c 'set -e; f() { false; echo in f; }; f; echo after'; echo "fn: $?"
sh -c 'set -u; echo "$nope"' 2>&1; echo "set -u: $?"
sh -c 'set -u; echo "${nope:-default}"'
sh -c 'set -x; a=1; echo "$a"; echo $((a+1)) >/dev/null' 2>&1
sh -c 'set -x; for i in 1 2; do :; done; f() { echo f; }; f' 2>&1
sh -c 'set -e; x=$(false); echo "assign survives? no"'; echo "cmd subst: $?"
sh -c 'set -o | grep -E "^(errexit|nounset|xtrace)"'
sh -c 'set -ex; true; set +x; echo quiet' 2>&1
sh -c 'set -- a b c; echo $#; shift 2; echo $1; set --; echo $#'
sh -c 'set -f; echo *; set +f; echo * | wc -w' 
sh -c 'set -n; echo not run'; echo "noexec: $?"
sh -c 'set -o pipefail; false | true'; echo "pipefail: $?"
