printf '#!/bin/sh\necho "script args: $*"\nexit 9\n' > s.sh
chmod +x s.sh
./s.sh a b; echo "status $?"
sh s.sh c; echo "status $?"
