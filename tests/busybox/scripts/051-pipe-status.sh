false | true; echo "last: $?"
true | false; echo "last: $?"
echo data | (cat; exit 4); echo "sub: $?"
