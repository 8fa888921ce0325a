f() { echo "f got $# args: $*"; return 4; }
f a b c; echo "ret $?"
g() { local v=inner; echo $v; }; v=outer; g; echo $v
