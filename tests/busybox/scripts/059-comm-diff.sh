printf 'a\nb\nc\n' > l; printf 'b\nc\nd\n' > r
diff l r > d; echo "diff: $?"; grep -c '^[-+][a-z]' d
diff l l; echo "same: $?"
cmp l l && echo identical
cmp l r 2>&1 | sed 's/ differ.*/ differ/'
