#!/usr/bin/env bash
# /proc under Debian's busybox, in both worlds: what every busybox process
# reads at start (/proc/self/exe), what ps, free, uptime, mount, df and top
# read, a process's stat fields as Linux lays them out, and a process that
# goes while its directory and a file in it are held open.  The same script
# runs under the same busybox on this machine, where it must pass too.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
ROOTFS=${ROOTFS:-${BUILD:-build}/rootfs.cpio.gz}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Each line the script prints is "NAME: RESULT"; the checks below read them.
script='
echo "exe: $(readlink /proc/self/exe)"
sh -c "exec cat /proc/self/cmdline" | xargs -0 echo cmdline:
echo "statfields: $(wc -w </proc/self/stat)"
sh -c "echo \"me: \$\$ \$PPID\"; cut -d\" \" -f1-4 /proc/\$\$/stat" | tr "\n" " "; echo
ln -s /proc/self/exe /tmp/echo; /tmp/echo "via-exe: ok"; rm /tmp/echo
sleep 30 & s=$!; for i in 1 2 3 4 5; do ps | grep -q "sleep 30" && echo "ps: lists sleep" && break; sleep 1; done; kill $s
free | grep -q "^Mem: *[0-9][0-9]* *[0-9][0-9]* *[0-9][0-9]*" && echo "free: ok"
uptime | grep -q "up .*load average: [0-9.]*, [0-9.]*, [0-9.]*" && echo "uptime: ok"
mount | grep -q "^proc on /proc type proc" && echo "mount: proc"
df | grep -q "^[^ ]* *[1-9][0-9]* *[0-9][0-9]* *[0-9][0-9]* *[0-9]*% /" && echo "df: sizes"
top -b -n1 | grep -q "^ *[0-9][0-9]* *[0-9][0-9]* root *R .* top -b -n1" && echo "top: ok"
grep -q "^MemTotal: *[1-9][0-9]* kB$" /proc/meminfo && echo "meminfo: ok"
sleep 1 & p=$!; exec 3</proc/$p/stat; cd /proc/$p; wait $p
cat <&3 >/dev/null 2>&1 || echo "gone-read: fails"
[ -e stat ] || echo "gone-dir: empty"
cd /; exec 3<&-; echo "alive: yes"
'

check() {	# check WORLD: the lines the script must have printed
	local w=$1 pat
	for pat in "^exe: .*/busybox$" "^cmdline: cat /proc/self/cmdline$" "^statfields: 52$" \
		"^me: ([0-9]+) ([0-9]+) \\1 \\(cut\\) R \\2 $" "^via-exe: ok$" \
		"^ps: lists sleep$" "^free: ok$" "^uptime: ok$" "^mount: proc$" \
		"^df: sizes$" "^top: ok$" "^meminfo: ok$" "^gone-read: fails$" \
		"^gone-dir: empty$" "^alive: yes$"; do
		if grep -Eq -- "$pat" <<<"$out"; then
			pass "procfs-$w-${pat:1:8}"
		else
			fail "procfs-$w-${pat:1:8}" "no line matches /$pat/"
		fi
	done
}

# The script reaches the Guest as a second cpio archive after the default
# initramfs (a kernel command line carries no quotes or newlines).
mkdir -p "$tmp/extra"
printf '%s\n' "$script" >"$tmp/extra/procfs-test"
initrd_plus "$tmp/initrd" "$tmp/extra" procfs-test

# Linux: the script under the same busybox here (its exe is our copy).
mkdir -p "$tmp/root" "$tmp/bin"
(cd "$tmp/root" && gzip -dc "$OLDPWD/$ROOTFS" | cpio -id --quiet bin/busybox)
for a in $("$tmp/root/bin/busybox" --list); do
	ln -s "$tmp/root/bin/busybox" "$tmp/bin/$a"
done
out=$(cd "$tmp" && env -i PATH="$tmp/bin" "$tmp/bin/sh" -c "mkdir -p /tmp; $script" 2>&1)
check linux

for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	lg_run $flag --timeout "$TIMEOUT" --initrd "$tmp/initrd" -- sh /procfs-test
	check $world
	[ "$(grep -c '^exe: /bin/busybox$' <<<"$out")" = 1 ] && pass "procfs-$world-exe-canonical" ||
		fail "procfs-$world-exe-canonical" "readlink /proc/self/exe is not /bin/busybox"
	grep -q 'not implemented' <<<"$out" &&
		fail "procfs-$world-no-enosys" "a call the applets make is missing" ||
		pass "procfs-$world-no-enosys"
done
