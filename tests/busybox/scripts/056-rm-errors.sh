rm nothere 2>&1 | sed 's/.*nothere.*/rm complains about nothere/'
mkdir d; rm d 2>/dev/null; echo "rm dir: $?"
rmdir nothere 2>/dev/null; echo "rmdir missing: $?"
mkdir d 2>/dev/null; echo "mkdir existing: $?"
