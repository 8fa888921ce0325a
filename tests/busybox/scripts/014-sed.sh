printf 'hello\nworld\n' | sed 's/o/0/g'
printf '1\n2\n3\n4\n' | sed -n '2,3p'
echo abc | sed -e 's/b/B/' -e 's/$/!/'
printf 'a\nb\n' > s; sed -i 's/a/A/' s; cat s
