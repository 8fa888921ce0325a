echo "a,b,c,d" | cut -d, -f2,4
echo "abcdef" | cut -c2-4
echo "Hello" | tr a-z A-Z
echo "aabbcc" | tr -s abc
echo "hello" | tr -d l
