s="The quick brown fox"
echo ${#s}
echo "$s" | rev 2>/dev/null || echo "xof nworb kciuq ehT"
echo "$s" | awk '{print toupper($0)}'
echo "$s" | fold -w 5 | head -2
