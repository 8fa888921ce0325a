x=expanded
cat <<END
line $x
  indented
END
cat <<'END'
no $x here
END
