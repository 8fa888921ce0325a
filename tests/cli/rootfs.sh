#!/usr/bin/env bash
# build/rootfs.cpio.gz, the Guest's root file system: Debian's busybox
# with its links, /init and what /init needs, the same bytes every build.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
BUILD=${BUILD:-build}
ROOTFS=$BUILD/rootfs.cpio.gz
out=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

listing=$(gzip -dc "$ROOTFS" | cpio -itv --quiet 2>&1)
has() {	# has NAME PATTERN: the listing has a line matching PATTERN
	if grep -Eq -- "$2" <<<"$listing"; then pass "$1"; else out=$listing; fail "$1" "no /$2/ in the archive"; fi
}
has rootfs-init '^-rwxr-xr-x .* root +root .* init$'
has rootfs-busybox '^-rwxr-xr-x .* root +root .* bin/busybox$'
has rootfs-sh-is-busybox ' bin/sh -> busybox$'
has rootfs-awk-is-busybox ' usr/bin/awk -> \.\./\.\./bin/busybox$'
has rootfs-ifconfig-is-busybox ' sbin/ifconfig -> \.\./bin/busybox$'
for d in proc dev tmp sys root etc; do
	has "rootfs-dir-$d" "^d.* $d$"
done
has rootfs-passwd ' etc/passwd$'

# Unpacked, it is what it says: /init is user/rootfs/init, busybox is
# Debian's i386 binary (it runs here), and every applet it lists has its link.
(cd "$tmp" && gzip -dc "$OLDPWD/$ROOTFS" | cpio -id --quiet 2>/dev/null)
if cmp -s "$tmp/init" user/rootfs/init; then pass rootfs-init-is-the-repos; else fail rootfs-init-is-the-repos "init differs from user/rootfs/init"; fi
if [ "$("$tmp/bin/sh" -c 'echo $((6 * 7))' 2>&1)" = 42 ]; then
	pass rootfs-busybox-runs
else
	fail rootfs-busybox-runs "bin/sh from the archive did not run here"
fi
missing=0
for a in $("$tmp/bin/busybox" --list-full); do
	[ "$a" = bin/busybox ] && continue
	[ -L "$tmp/$a" ] && [ "$(readlink -f "$tmp/$a")" = "$(readlink -f "$tmp/bin/busybox")" ] || missing=$((missing + 1))
done
if [ "$missing" = 0 ]; then pass rootfs-every-applet-linked; else fail rootfs-every-applet-linked "$missing applets lack a link to bin/busybox"; fi

# The same inputs make the same bytes.
tools/mkrootfs "$BUILD/cache/busybox-static_i386.deb" user/rootfs/init "$tmp/again.cpio.gz"
if cmp -s "$ROOTFS" "$tmp/again.cpio.gz"; then
	pass rootfs-reproducible
else
	fail rootfs-reproducible "a second build of the archive differs"
fi
