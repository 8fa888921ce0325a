touch -d @1000000000 t 2>/dev/null || touch -t 200109090146.40 t
stat -c '%s %F' t
echo abc > t; stat -c '%s' t
