#!/usr/bin/env bash
# Bad input never takes the Guest down (issue 10, item 5): a system call
# the kernel lacks, a broken initramfs, programs the kernel cannot run, a
# fork bomb, a memory hog and a runaway pipe writer.  Each is met the way
# Linux meets it, and the kernel and the shell go on.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
B=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# user/enosys asks for numbers Linux lacks, each twice: -ENOSYS each time,
# as on Linux, and one report per number naming the program.
want=$("$B/initrd/enosys"; echo "exit $?")
for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	lg_run $flag --timeout "$TIMEOUT" --initrd "$B/initrd.cpio" --cmdline "test=run run=enosys"
	got=$(printf '%s\n' "$stdout"; echo "exit $rc")
	if [ "$got" = "$want" ]; then pass "enosys-as-linux-$world"
	else fail "enosys-as-linux-$world" "$(diff <(echo "$want") <(echo "$got") | head)"; fi
	reports=$(grep -c 'enosys (pid [0-9]*): system call [0-9]* is not implemented (ENOSYS)' <<<"$stderr")
	for nr in 222 1000 4294967295; do
		[ "$(grep -c "system call $nr is not" <<<"$stderr")" = 1 ] || reports=bad
	done
	if [ "$reports" = 3 ]; then pass "enosys-reported-once-each-$world"
	else fail "enosys-reported-once-each-$world" "wanted one report for each of 222, 1000, 4294967295"; fi
done

# A broken initramfs stops the boot with the archive's offset; nothing runs.
gzip -dc "$B/rootfs.cpio.gz" >"$tmp/plain.cpio"
head -c 200000 "$tmp/plain.cpio" >"$tmp/cut.cpio"
head -c 300000 "$B/rootfs.cpio.gz" >"$tmp/cut.cpio.gz"
cp "$tmp/plain.cpio" "$tmp/bad.cpio"
off=$(grep -abo 070701 "$tmp/plain.cpio" | sed -n 5p | cut -d: -f1)
printf '07X701' | dd of="$tmp/bad.cpio" bs=1 seek="$off" conv=notrunc 2>/dev/null
cp "$B/rootfs.cpio.gz" "$tmp/bad.cpio.gz"
printf 'not deflate at all' | dd of="$tmp/bad.cpio.gz" bs=1 seek=5000 conv=notrunc 2>/dev/null
check_initrd() {	# check_initrd NAME FILE PATTERN
	lg_run --timeout "$TIMEOUT" --initrd "$2" -- echo RAN
	if grep -q RAN <<<"$stdout"; then fail "$1" "a program ran"
	else expect "$1" 100 "initramfs: .*$3"; fi
}
check_initrd initrd-cut-plain "$tmp/cut.cpio" 'cut short .* at offset 200000 of the initrd'
check_initrd initrd-cut-gzip "$tmp/cut.cpio.gz" 'cut short at offset 300000 of the initrd'
check_initrd initrd-bad-magic-plain "$tmp/bad.cpio" "no cpio newc magic .* at offset $off of the initrd"
check_initrd initrd-bad-gzip "$tmp/bad.cpio.gz" 'offset [0-9]+ of the initrd'

# Programs the kernel cannot run.  An x86-64 ELF (this machine's) fails
# execve with ENOEXEC, and busybox's sh then runs it as a script, as on an
# i386 Linux: a syntax error, status 2.  A dynamically linked i386 one
# fails as on Linux with the same root file system, which has no
# /lib/ld-linux.so.2: ENOENT, "not found", 127 (compared with busybox in
# a chroot of that root here, when we may chroot).
cp /bin/true "$tmp/x86_64"
if echo 'int main(void) { return 0; }' | gcc -m32 -x c -o "$tmp/dynamic" - 2>/dev/null; then
	initrd_plus "$tmp/initrd" "$tmp" x86_64 dynamic
	dynamic='/dynamic 2>&1; echo "dynamic: $?"'
	mkdir "$tmp/root"
	(cd "$tmp/root" && gzip -dc "$OLDPWD/$B/rootfs.cpio.gz" | cpio -id --quiet 2>/dev/null)
	cp "$tmp/dynamic" "$tmp/root/dynamic"
	if linux=$(chroot "$tmp/root" /bin/busybox sh -c "$dynamic" 2>&1); then
		[ "$linux" = $'sh: /dynamic: not found\ndynamic: 127' ] && pass dynamic-on-linux ||
			{ out=$linux; fail dynamic-on-linux "Linux says otherwise"; }
	else
		echo "skip dynamic-on-linux (cannot chroot)"
	fi
	for world in lguest native; do
		flag=; [ $world = native ] && flag=--native
		lg_run $flag --timeout "$TIMEOUT" --initrd "$tmp/initrd" -- \
			sh -c '/x86_64; echo "x86_64: $?"; '"$dynamic"
		expect "exec-x86-64-is-enoexec-$world" 0 '^x86_64: 2$' '^/x86_64: line 1: syntax error'
		expect "exec-dynamic-as-linux-$world" 0 '^sh: /dynamic: not found$' '^dynamic: 127$'
	done
else
	echo "skip exec-not-i386-static (no gcc -m32)"
fi

# A fork bomb meets EAGAIN; a memory hog is killed with a message; yes
# ends with SIGPIPE when head has its line.  The shell goes on after each.
# The bomb is a tree of pipelines eight deep: each shell waits for its
# two children, so 255 want to live at once, four times the kernel's 64,
# and the tree is gone when the subshell returns.  (The classic
# "f|f&" never ends by itself: it churns at the limit, and whether the
# shell then wins a slot for its next command is a race.)
for world in lguest native; do
	flag=; [ $world = native ] && flag=--native
	# (One line: a kernel command line carries no newline.)
	lg_run $flag --timeout $((TIMEOUT * 2)) -- sh -c 'f(){ [ $1 = 0 ] || f $(($1-1)) | f $(($1-1)); }; (f 8) 2>/tmp/bomb; echo "after the bomb"; echo "failed forks: $(grep -c "can.t fork: Resource temporarily unavailable" /tmp/bomb)"; yes | head -1; echo "yes | head: $?"; awk "BEGIN { s = \"x\"; while (1) s = s s }"; echo "hog: $?"; echo "the shell goes on"'
	expect "fork-bomb-survived-$world" 0 '^after the bomb$' '^failed forks: [1-9][0-9]*$'
	expect "runaway-writer-ends-$world" 0 '^y$' '^yes \| head: 0$'
	expect "memory-hog-killed-$world" 0 'awk \(pid [0-9]+\): out of memory at 0x[0-9a-f]+: killed' '^hog: 137$' '^the shell goes on$'
done
