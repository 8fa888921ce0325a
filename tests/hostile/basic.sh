#!/usr/bin/env bash
# Hostile Guests: hypercall arguments, descriptors, privileged instructions,
# ports and the async ring (guest/hostile/hostile.c; docs/hostile.md says what
# stops each).  Every attack must end with the Guest killed (status 101)
# and a message naming what it did: never a Host panic or a broken Host
# invariant (102), a hang (the timeout), or a status the Guest chose.
cd "$(dirname "$0")/../.."
. tests/lib.sh
. tests/guest_run.bash

MEM=67108864	# the Guest's memory: guest_run gives it 64 MiB

# attack NAME GUEST-CMDLINE PATTERN...: killed, with every pattern in the
# output, and no sign the Host itself failed.
attack() {
	local name=$1 cmdline=$2; shift 2
	guest_run "$cmdline"
	if grep -Eq "Host panic|invariant" <<<"$out"; then
		fail "$name" "the Host failed"; return
	fi
	expect "$name" 101 "Guest killed: " "$@"
}

# Hypercall numbers that do not exist.
attack hcall-unknown-18 "test=hostile-hcall nr=18" "unknown hypercall 18$"
attack hcall-unknown-huge "test=hostile-hcall nr=4294967295" "unknown hypercall 4294967295"

# Arguments out of range.
attack console-write-too-long "test=hostile-hcall nr=3 a1=4096 a2=4097" \
	"LHCALL_CONSOLE_WRITE: 4097 bytes is over the limit of 4096"
attack console-write-straddles-end "test=hostile-hcall nr=3 a1=$((MEM - 8)) a2=16" \
	"LHCALL_CONSOLE_WRITE: 16 bytes at 0x3fffff8 are outside its memory"
attack console-write-wraps "test=hostile-hcall nr=3 a1=4294967295 a2=2" \
	"LHCALL_CONSOLE_WRITE: 2 bytes at 0xffffffff are outside"
attack shutdown-bad-kind "test=hostile-hcall nr=2 a1=3" "LHCALL_SHUTDOWN: unknown kind 3"
attack shutdown-status-over-255 "test=hostile-hcall nr=2 a1=0 a2=256" \
	"LHCALL_SHUTDOWN: exit status 256 is over the limit of 255"
attack shutdown-crash-message-outside "test=hostile-hcall nr=2 a1=1 a2=$MEM" \
	"LHCALL_SHUTDOWN: its crash message at 0x4000000 is outside its memory"
attack ts-neither-0-nor-1 "test=hostile-hcall nr=8 a1=2" "LHCALL_TS: 2 is neither"
attack lguest-init-twice "test=hostile-init-twice" "LHCALL_LGUEST_INIT made a second time"
attack lguest-init-again-outside "test=hostile-hcall nr=1 a1=$MEM" \
	"LHCALL_LGUEST_INIT made a second time"

attack flush-tlb-neither-0-nor-1 "test=hostile-hcall nr=5 a1=2" "LHCALL_FLUSH_TLB: 2 is neither"
attack set-stack-3-pages "test=hostile-hcall nr=7 a1=41 a2=3221225472 a3=3" \
	"LHCALL_SET_STACK: 3 stack pages \(1 or 2\)"
for vector in 2 8 30; do
	attack "idt-vector-$vector-is-the-hosts" "test=hostile-hcall nr=6 a1=$vector a2=0 a3=$((0x8E00))" \
		"LHCALL_LOAD_IDT_ENTRY: vector $vector is the Host's"
done
attack notify-in-ram "test=hostile-hcall nr=14 a1=4096" \
	"LHCALL_NOTIFY 0x1000: not a device's queue-notify register"

# The same calls from the async ring: checked there just the same.
attack async-unknown-99 "test=hostile-async-hcall nr=99" "unknown hypercall 99$"
attack async-shutdown-status-over-255 "test=hostile-async-hcall nr=2 a1=0 a2=256" \
	"LHCALL_SHUTDOWN: exit status 256 is over the limit of 255"
attack async-console-write-wraps "test=hostile-async-hcall nr=3 a1=4294967295 a2=2" \
	"LHCALL_CONSOLE_WRITE: 2 bytes at 0xffffffff are outside"
attack async-flush-tlb-2 "test=hostile-async-hcall nr=5 a1=2" "LHCALL_FLUSH_TLB: 2 is neither"
attack async-idt-vector-31 "test=hostile-async-hcall nr=6 a1=31 a2=0 a3=$((0x8E00))" \
	"LHCALL_LOAD_IDT_ENTRY: vector 31 is the Host's"
attack async-notify-in-ram "test=hostile-async-hcall nr=14 a1=4096" \
	"LHCALL_NOTIFY 0x1000: not a device's queue-notify register"
attack async-gdt-entry-1 "test=hostile-async-hcall nr=15 a1=1 a2=65535 a3=$((0xCF9200))" \
	"LHCALL_LOAD_GDT_ENTRY: entry 1 is not the Guest's to set"

# The GDT: Host entries, past the end, system descriptors, TLS.
for index in 0 1 2 3 16 4294967295; do
	attack "gdt-entry-$index" "test=hostile-hcall nr=15 a1=$index a2=65535 a3=$((0xCF9200))" \
		"LHCALL_LOAD_GDT_ENTRY: entry $index is not the Guest's to set"
done
attack gdt-call-gate "test=hostile-gdt what=call-gate" \
	"LHCALL_LOAD_GDT_ENTRY: entry 4 .* is a system descriptor"
attack gdt-tss "test=hostile-gdt what=tss" "LHCALL_LOAD_GDT_ENTRY: entry 4 .* is a system descriptor"
attack gdt-ldt-by-hcall "test=hostile-hcall nr=15 a1=9 a2=0 a3=$((0x8200))" \
	"entry 9 .* is a system descriptor"
attack tls-tss "test=hostile-tls-tss" "LHCALL_LOAD_TLS: TLS entry 2 .* is a system descriptor"
attack tls-outside "test=hostile-hcall nr=13 a1=$((MEM - 16))" \
	"LHCALL_LOAD_TLS: 24 bytes at 0x3fffff0 are outside its memory"

# Selectors the Switcher could not load: caught before the Guest runs.
attack gdt-live-cs-made-data "test=hostile-gdt what=cs-data" \
	"cannot resume it at %cs:%eip 0x21:.*%cs names a segment that is not code"
attack gdt-live-ss-not-present "test=hostile-gdt what=ss-absent" \
	"cannot resume it .*%ss names a segment that is not present"
attack gdt-live-cs-cut-short "test=hostile-gdt what=cs-short" \
	"cannot resume it .*%eip is past the end of its code segment"
attack hcall-at-segment-limit "test=hostile-hcall-at-limit" \
	"cannot resume it at %cs:%eip 0x61:0x[0-9a-f]*000, .*%eip is past the end of its code segment"

# The Switcher lies inside every flat segment: paging guards it.
attack switcher-code-write "test=hostile-switcher-write what=code" \
	"page fault at 0xffc00000 in the Switcher.s pages .*the Guest wrote to a read-only page"
attack switcher-gdt-write "test=hostile-switcher-write what=gdt" \
	"page fault at 0xffc03[0-9a-f]* in the Switcher.s pages .*the Guest wrote to a read-only page"

# Privileged instructions, and iret to ring 0.
for insn in lgdt lidt mov-cr0 mov-cr3 mov-cr4 wrmsr cli hlt; do
	case $insn in mov-cr*) name="mov to %${insn#mov-}" ;; *) name=$insn ;; esac
	attack "privileged-$insn" "test=hostile-privileged insn=$insn" \
		"privileged instruction $name at eip"
done
attack iret-to-ring0-host-cs "test=hostile-iret-ring0 cs=host" "privileged instruction iret to ring 0"
attack iret-to-ring0-guest-cs "test=hostile-iret-ring0" "privileged instruction iret to ring 0"

# Every port, every size, both ways (the exit port among them): emulated,
# never reaching the machine; then the Guest ends itself with hlt.
attack io-every-port "test=hostile-io-all-ports" \
	"393219 accesses through %dx, 0 ports read wrong" "every port read as all ones" \
	"privileged instruction hlt"

# The async ring: all garbage; and full again before every exit.
attack async-ring-garbage "test=hostile-async-garbage" "unknown hypercall 1000$"
attack async-ring-never-emptied "test=hostile-async-full" \
	"1000 rounds of a full ring, 0 not emptied" "privileged instruction hlt"
