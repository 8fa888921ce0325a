#!/usr/bin/env bash
# Issue 4: one Guest binary, two worlds.  Each behaviour runs on the Host
# (lguest run) and natively on the machine (lguest run --native), from the
# same build/guest.elf, and each run says which world it was in.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

initrd=$(mktemp) big=$(mktemp)
trap 'rm -f "$initrd" "$big"' EXIT
printf 'The initrd, intact: %s\n' "$(head -c 600 /dev/zero | tr '\0' x)" >"$initrd"
head -c 6000000 /dev/urandom >"$big"
byte_sum() { od -An -v -tu1 "$1" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { printf "%d", s % 4294967296 }'; }

declare -A boot_description
for world in lguest native; do
	flag=(); [ "$world" = native ] && flag=(--native)
	run() { lg_run "${flag[@]}" --timeout "$TIMEOUT" "$@"; }

	run --cmdline "test=hello"
	expect "hello-$world" 0 \
		"^guest: Hello from the Guest: 64 MiB of memory, command line \"test=hello\", world $world"

	run --mem 16M --cmdline "test=hello exit=42"
	expect "hello-exit-status-42-$world" 42 'Hello from the Guest: 16 MiB' \
		'command line "test=hello exit=42"' "world $world"

	run --cmdline "test=crash"
	expect "crash-message-arrives-$world" 100 'Guest crashed: the Guest crashed on purpose'

	run --cmdline "test=no-such-test"
	expect "unknown-test-crashes-$world" 100 'Guest crashed: no test called "no-such-test"'

	# The boot description: the initrd lands at the same place, whole.
	run --mem 32M --initrd "$initrd" --cmdline "test=initrd"
	expect "initrd-$world" 0 \
		"initrd: $(stat -c %s "$initrd") bytes at 0x1fff000, kernel ends at 0x[0-9a-f]+, RAM ends at 0x2000000, page aligned yes, starts \"$(head -c 32 "$initrd")\", byte sum $(byte_sum "$initrd")"
	boot_description[$world]=$(grep '^guest: initrd: ' <<<"$out")

	# 6 MB in 8 MiB: natively the loader put it right after the kernel,
	# and moving it to the top overlaps itself.
	run --mem 8M --initrd "$big" --cmdline "test=initrd"
	expect "big-initrd-$world" 0 "initrd: 6000000 bytes at 0x[0-9a-f]+000, .*RAM ends at 0x800000, .*byte sum $(byte_sum "$big")"

	# Patched call sites: the check catches one put back unpatched.
	run --cmdline "test=patch-unpatched"
	expect "unpatched-site-is-caught-$world" 100 \
		'Guest crashed: pv site at 0xc01[0-9a-f]{5} \([a-z_]+\) was left unpatched'
done

# A plain pv.op() call of an op with a site fails the build, in any folder
# under guest/; the kernel as it is passes.
probe=$(mktemp -d)
mkdir -p "$probe/kernel"
printf 'void f(void) { pv.load_tls(0); }\n' >"$probe/kernel/probe.c"
out=$(tools/check-pv-sites "$probe" 2>&1); rc=$?
expect plain-pv-call-fails-the-build 1 'probe.c:1:.*pv.load_tls' 'not patch sites'
out=$(tools/check-pv-sites guest 2>&1); rc=$?
expect every-pv-call-is-a-site 0
rm -rf "$probe"

# The kernel cannot tell the worlds apart by what it was told.
if [ -n "${boot_description[lguest]}" ] &&
   [ "${boot_description[lguest]}" = "${boot_description[native]}" ]; then
	pass same-boot-description-both-worlds
else
	fail same-boot-description-both-worlds "lguest: ${boot_description[lguest]}" \
		"native: ${boot_description[native]}"
fi

# What only makes sense natively, or differs there on purpose.
lg_run --native --timeout "$TIMEOUT" --cmdline "test=privileged"
expect privileged-cli-is-fine-at-ring-0 0 '^guest: about to run cli at ring 0' \
	'cli ran at ring 0: interrupts are off'
lg_run --timeout "$TIMEOUT" --cmdline "test=privileged"
expect privileged-cli-kills-at-ring-1 101 '^guest: about to run cli at ring 1' \
	'Guest killed: privileged instruction cli at eip 0xc01[0-9a-f]{5}'

lg_run --native --timeout "$TIMEOUT" --cmdline "test=wild-pointer"
expect wild-pointer-crashes-natively 100 \
	'Guest crashed: page fault at address 0x80000000 \(eip 0xc01[0-9a-f]{5}, error code 0x[0-9a-f]+: unmapped read from ring 0\)'

lg_run --native --timeout "$TIMEOUT" --cmdline "test=hello exit=256"
expect native-exit-status-over-limit 100 \
	'Guest crashed: power off with exit status 256, over the limit of 255'

lg_run --native --timeout "$TIMEOUT" --cmdline "test=patch"
expect patched-sites-work-natively 0 \
	'^guest: patch: [0-9]+ sites, [1-9][0-9]* inline, [0-9]+ direct calls, in the native world; flags off 0x0 on 0x200 restored 0x0'

lg_run --native --timeout "$TIMEOUT" --cmdline "test=timer"
expect native-one-shot-timer 0 'timer: 20 ms one-shot fired 1 time\(s\)' \
	'timer: a cancelled one fired 0 time\(s\)'

lg_run --native --timeout "$TIMEOUT" --cmdline "test=ioapic"
expect native-ioapic-as-set 0 'ioapic: 48 inputs, 0 not as set'

lg_run --native --timeout "$TIMEOUT" --cmdline "test=restart"
expect native-restart-says-no 100 'Guest crashed: restart is not supported natively'

# The Guest's memory code (guest/mm/mm.c) runs unchanged natively: its page
# tables are the MMU's own there, with no shadows behind them.
for t in "mmu-demand:a fresh page at 0x40000000 is frame" \
	 "mmu-dirty:accessed after the read, dirty after the write" \
	 "mmu-switch:100 rounds, each address space saw its own page" \
	 "mmu-set-pte:every cached shadow saw each change" \
	 "mmu-flush:each flush brought in the new entry"; do
	lg_run --native --timeout "$TIMEOUT" --cmdline "test=${t%%:*}"
	expect "native-${t%%:*}" 0 "${t#*:}"
done
# The FPU natively: on as the Host gives it, and CR0.TS through pv makes
# the next FPU instruction raise #NM, which comes to the kernel's own gate.
lg_run --native --timeout "$TIMEOUT" --cmdline "test=fpu-ts-clear"
expect native-fpu-ts-clear 0 'fpu: ok with TS cleared again the FPU runs without a trap'
lg_run --native --timeout "$TIMEOUT" --cmdline "test=fpu-switch"
expect native-fpu-lazy-switch 0 'fpu: ok context B sees its own registers' \
	'fpu: ok context A gets its registers back' 'fpu: ok each switch cost exactly one #NM'
lg_run --native --timeout "$TIMEOUT" --cmdline "test=segments-ring3"
expect native-segments-ring3 0 'segments: ok the trap came from ring 3'
# A TLS entry emptied under a live %gs: the Host nulls %gs when it next
# enters the Guest; natively load_tls reloads %fs and %gs to the same end.
lg_run --native --timeout "$TIMEOUT" --cmdline "test=segments-null-gs"
expect native-segments-null-gs 0 'segments: ok %gs is null after its TLS entry was emptied' \
	'segments: ok %fs is untouched'

# The machine's own virtio devices, through the same Guest drivers that
# reach the Host's on the Host.
img=$(mktemp)
trap 'rm -f "$initrd" "$big" "$img"' EXIT
head -c 65536 /dev/zero >"$img"
printf 'written from outside' | dd of="$img" bs=512 seek=2 conv=notrunc status=none
lg_run --native --timeout "$TIMEOUT" --disk "$img" --cmdline "test=disk-read sector=2"
expect native-disk-read 0 '^guest: disk-read: sector 2 status 0: written from outside'
lg_run --native --timeout "$TIMEOUT" --disk "$img" --cmdline "test=disk-write sector=5"
expect native-disk-write 0 '^guest: disk-write: sector 5 status 0'
if [ "$(dd if="$img" bs=512 skip=5 count=1 status=none | tr -d '\0')" = "lguest guest sector 5" ]; then
	pass native-disk-write-reaches-the-file
else
	fail native-disk-write-reaches-the-file "sector 5 of the image does not hold the Guest's words"
fi
lg_run --native --timeout "$TIMEOUT" --disk "$img,ro" --cmdline "test=disk-write sector=6"
expect native-read-only-disk-refuses 100 'disk-write: sector 6 status 1 \(read-only disk\)'
lg_run --native --timeout "$TIMEOUT" --cmdline "test=entropy"
expect native-entropy 0 '^guest: entropy: 16 bytes:( [0-9a-f]{2}){16}'

# A kernel page from ring 3 faults natively too; with no Host to kill it,
# the Guest crashes with the same words (the first trap stack in the TSS
# carries it there).
lg_run --native --timeout "$TIMEOUT" --cmdline "test=mmu-user"
expect native-mmu-user 100 \
	'Guest crashed: page fault at address 0xc0[0-9a-f]+ \(eip 0x4000000e, error code 0x5: protection violation on read from ring 3\)'

# Until the lguest world has them, these say so by name.
lg_run --timeout "$TIMEOUT" --cmdline "test=patch"
if grep -q 'has no pv op' <<<"$out"; then
	echo "skip patched-sites-work-on-the-host (the lguest world lacks an interrupt-flag op)"
else
	expect patched-sites-work-on-the-host 0 \
		'^guest: patch: [0-9]+ sites, [1-9][0-9]* inline, [0-9]+ direct calls, in the lguest world; flags off 0x0 on 0x200 restored 0x0'
fi
