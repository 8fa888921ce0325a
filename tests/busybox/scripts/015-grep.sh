printf 'apple\nbanana\ncherry\n' > g
grep an g
grep -c a g
grep -v a g
grep -n '^c' g
grep -q nothing g; echo "quiet miss: $?"
grep -E 'app|cher' g
