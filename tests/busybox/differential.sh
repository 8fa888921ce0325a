#!/usr/bin/env bash
# The differential suite: every script in tests/busybox/scripts/ runs under
# Debian's busybox-static:i386 twice, on this machine (which runs i386
# programs) and in the Guest (on the Host, and natively), and the two
# transcripts must be the same byte for byte.  The scripts reach the Guest
# as a second cpio archive after the default initramfs, as Linux allows.
cd "$(dirname "$0")/../.."
TIMEOUT=${TIMEOUT:-300}
. tests/lib.sh
ROOTFS=${ROOTFS:-build/rootfs.cpio.gz}
here=tests/busybox
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$ROOTFS" ]; then
	echo "not ok differential-rootfs"
	echo "    $ROOTFS is missing: make builds it"
	exit 1
fi

# busybox for this machine, from the initramfs itself, with a link for
# each applet so the scripts' commands are busybox's, not the machine's.
mkdir -p "$tmp/root" "$tmp/bin"
(cd "$tmp/root" && gzip -dc "$OLDPWD/$ROOTFS" | cpio -id --quiet bin/busybox)
for a in $("$tmp/root/bin/busybox" --list); do
	ln -s "$tmp/root/bin/busybox" "$tmp/bin/$a"
done

# The reference: the scripts under busybox here.  Output goes to a pipe in
# both worlds (in the Guest through cat), so no program sees a terminal.
env -i PATH="$tmp/bin" HOME=/root "$tmp/bin/sh" "$here/run-all" \
	"$PWD/$here/scripts" "$tmp/work" >"$tmp/native.txt" 2>&1

# The Guest's initrd: the default one, then the scripts.
mkdir -p "$tmp/extra/tests"
cp -r "$here/scripts" "$here/run-all" "$tmp/extra/tests/"
initrd_plus "$tmp/initrd" "$tmp/extra" $(cd "$tmp/extra" && find tests | sort)

split_transcript() {	# split_transcript FILE DIR: one file per script
	mkdir -p "$2"
	awk -v dir="$2" '/^=== / { f = dir "/" $2; next } f { print > f }' "$1"
}
split_transcript "$tmp/native.txt" "$tmp/want"

for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	out=$(timeout -k 5 $((TIMEOUT + 15)) "$LGUEST" run $flag --mem 128M \
		--timeout "$TIMEOUT" --initrd "$tmp/initrd" -- \
		sh -c 'sh /tests/run-all /tests/scripts /tmp/work | cat' </dev/null 2>"$tmp/stderr-$world")
	rc=$?
	printf '%s\n' "$out" >"$tmp/$world.txt"
	split_transcript "$tmp/$world.txt" "$tmp/got-$world"
	for want in "$tmp/want"/*; do
		name=$(basename "$want" .sh)
		got="$tmp/got-$world/$(basename "$want")"
		if [ -f "$got" ] && cmp -s "$want" "$got"; then
			pass "$name-$world"
		else
			out="$(cat "$tmp/stderr-$world" 2>/dev/null | tail -5)"
			fail "$name-$world" "the Guest's transcript differs from busybox's here (lguest exit $rc):" \
				"$(diff "$want" "$got" 2>&1 | head -15)"
		fi
	done
done
