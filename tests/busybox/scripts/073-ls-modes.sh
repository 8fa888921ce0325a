umask 022
touch f
for m in 000 644 755 4755 2755 1777 4644 2644 1644 777 444 6711; do
	chmod $m f; ls -l f | cut -c1-10; stat -c '%a %A' f
done
mkdir d; chmod 1777 d; ls -ld d | cut -c1-10
chmod a-x,o-t d; ls -ld d | cut -c1-10
chmod u=rwx,go= d; stat -c %a d
chmod -R go+rX d; stat -c %a d
mkfifo p; ls -l p | cut -c1-10
ln -s f s; ls -l s | cut -c1-10
ls -l /dev/null /dev/zero | awk '{print $1, $5, $6, $NF}'
chmod 755 nosuch 2>&1; echo "status $?"
chmod +x f; chmod g-w,o= f; stat -c '%a %A' f
chmod 0 f; cat f && echo "root reads mode 0"
