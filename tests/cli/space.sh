#!/usr/bin/env bash
# Paths with a space: QEMU splits a multiboot module's "PATH ARGS" at the
# first space, so lguest hands such files over as open descriptors
# (tools/lguest/modules.c).  The Host, the Guest kernel (the default one,
# found beside lguest through /proc/self/exe, too) and the initrd, in both
# worlds; and --dry-run's command, pasted into a shell, runs.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/cli/fixtures.bash

dir="$fx/a dir with spaces"
mkdir -p "$dir"
bin=$(dirname "$LGUEST")
cp "$LGUEST" "$bin/guest.elf" "$bin/host.elf" "$dir/"
cp build/initrd.cpio "$dir/my initrd.cpio"

for world in "" --native; do
	w=${world:+-native}
	LGUEST="$dir/lguest" lg_run $world --timeout "$TIMEOUT" --cmdline "test=hello exit=5"
	expect "default-kernel-in-a-path-with-a-space$w" 5 '^guest: Hello from the Guest'
	LGUEST="$dir/lguest" lg_run $world --timeout "$TIMEOUT" --initrd "$dir/my initrd.cpio" \
		--cmdline "test=run run=hello"
	expect "initrd-in-a-path-with-a-space$w" 7 '^hello from ring 3, I am hello'
	lg_run $world --timeout "$TIMEOUT" "$dir/guest.elf" --cmdline "test=hello"
	expect "kernel-named-with-a-space$w" 0 '^guest: Hello from the Guest'

	cmd=$("$dir/lguest" run $world --dry-run --initrd "$dir/my initrd.cpio" --cmdline "test=run run=hello")
	out=$(eval "$cmd" </dev/null 2>&1); rc=$?
	# (QEMU's own status for exit 7: (LGUEST_EXIT_PORT_VALUE(7) << 1) | 1.)
	expect "dry-run-with-spaces-runs$w" 17 '^hello from ring 3, I am hello'
done
