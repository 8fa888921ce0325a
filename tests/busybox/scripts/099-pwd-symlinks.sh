here=$(pwd -P)
mkdir -p real/sub; ln -s real/sub link
cd link; pwd | sed "s|^$here|HERE|"; pwd -P | sed "s|^$here|HERE|"
cd ..; pwd | sed "s|^$here|HERE|"
cd -P link; pwd | sed "s|^$here|HERE|"
cd "$here"; cd -L link/..; pwd | sed "s|^$here|HERE|"
cd "$here"/real; cd - >/dev/null; pwd | sed "s|^$here|HERE|"
cd - | sed "s|^$here|HERE|"
echo "$OLDPWD" | sed "s|^$here|HERE|"
cd nosuch 2>&1 | sed 's/.*can.t cd to/cd fails:/'
touch file; cd file 2>&1 | sed 's/.*can.t cd to/cd fails:/'
cd "$here"; mkdir locked; chmod 000 locked; cd locked && echo "root enters mode 000"
cd "$here"; sh -c 'cd link && /bin/pwd 2>/dev/null || pwd -P' | sed "s|^$here|HERE|"
cd /; pwd; cd ..; pwd; cd //; pwd; cd ///tmp; pwd
