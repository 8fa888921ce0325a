date -u -d @0 +%Y-%m-%d 2>/dev/null || date -u -d 1970.01.01-00:00:00 +%Y-%m-%d
date -u -d @86400 '+%H:%M %j'
