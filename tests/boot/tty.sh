#!/usr/bin/env bash
# The console's tty, through a pseudo-terminal (tests/boot/tty_session.py): the
# interactive busybox shell, first busybox itself on this machine's Linux
# (the oracle, and the proof that every check can pass), then the Guest
# on the Host and native, which must print what Linux printed, step by step.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
B=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# busybox from the Guest's root file system, as root in a home of its own
# so its prompt is the Guest's "~ # ".
mkdir "$tmp/root" "$tmp/home"
(cd "$tmp/root" && gzip -dc "$OLDPWD/$B/rootfs.cpio.gz" | cpio -id --quiet 2>/dev/null)
(cd "$tmp/home" && python3 "$OLDPWD/tests/boot/tty_session.py" linux "$TIMEOUT" "$tmp/linux.json" - \
	env -i HOME="$tmp/home" PATH="$tmp/root/bin" "$tmp/root/bin/busybox" sh)

for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	python3 tests/boot/tty_session.py "$world" "$TIMEOUT" "$tmp/$world.json" "$tmp/linux.json" \
		timeout -k 5 $((TIMEOUT + 60)) "$LGUEST" run $flag --timeout $((TIMEOUT + 45))
done
