mkdir a b; echo x > a/f
mv a/f b/g; ls a b
mv b c; ls
echo y > c/h; mv c/h c/g; cat c/g
