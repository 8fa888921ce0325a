here=$(pwd -P)
mkdir -p real/dir; ln -s real/dir l1; ln -s l1 l2; ln -s ../real real/dir/up
readlink l2
readlink -f l2 | sed "s|^$here/||"
realpath l2 | sed "s|^$here/||"
realpath l2/up/dir/up | sed "s|^$here/||"
ln -s loop1 loop2; ln -s loop2 loop1
cat loop1 2>&1; echo "status $?"
readlink -f real/nonexist | sed "s|^$here/||"; echo "status $?"
readlink nonexist; echo "status $?"
readlink real; echo "status $?"
ln -sf newtarget l1; readlink l1
ln -s /absolute/path abs; readlink abs
ln -s x l2 2>&1; echo "status $?"
ln -sn real l3; ls -l l3 | awk '{print $1, $(NF-2), $(NF-1), $NF}'
echo hi > real/dir/file; cat l3/dir/file
ln real/dir hl 2>&1; echo "status $?"
