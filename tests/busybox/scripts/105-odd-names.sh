touch 'with space' 'tab	name' "$(printf 'new\nline')" 'é-ü-ß' '日本語' -- '-dash' '*star' "quote'd" 'back\slash'
ls | od -c | md5sum
ls | wc -l
for f in *; do printf '[%s]\n' "$f"; done | sort | od -c | tail -3
find . -type f -print0 | sort -z | xargs -0 -n1 printf '<%s>\n' | od -c | md5sum
echo data > 'with space'; cat 'with space'
mv 'é-ü-ß' 'ñ'; ls ñ
printf '%s' '日本語' | wc -c
ln -s '日本語' 'link to 日本語'; readlink 'link to 日本語'
rm -- -dash; ls -- -dash 2>&1 | sed 's/^ls: //'
mkdir 'dir with space'; cd 'dir with space'; pwd | sed 's|.*/||'; cd ..
tar cf t.tar -- *; tar tf t.tar | wc -l
stat -c '%n' ./* | wc -l
