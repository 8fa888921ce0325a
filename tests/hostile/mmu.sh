#!/usr/bin/env bash
# Hostile Guests against the shadow page tables (guest/hostile/mm_hostile.c): each
# must be killed, with a message that says what it did.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/lib_mmu.sh

killed() {	# killed TEST PATTERN
	mmu_run "test=$1"
	expect "$1" 101 "Guest killed: $2"
}

killed hostile-pte-beyond-ram \
	"LHCALL_SET_PTE: PTE 0x[0-9a-f]+007 for virtual 0x40000000 maps frame 0x[0-9a-f]+000, beyond its [0-9]+ bytes of RAM"
killed hostile-pte-beyond-ram-fault \
	"page table entry 0x[0-9a-f]+007 for virtual 0x40000000 maps frame 0x[0-9a-f]+000, beyond"
killed hostile-pde-beyond-ram \
	"page directory entry 0x[0-9a-f]+007 for virtual 0x40000000 points at frame 0x[0-9a-f]+000, beyond"
killed hostile-pse "page directory entry 0x87 for virtual 0x40000000 is a 4 MiB page"
killed hostile-pte-switcher "LHCALL_SET_PTE: PTE 0x[0-9a-f]+ for virtual 0xffc01000: the Switcher owns"
killed hostile-pgd-switcher "LHCALL_SET_PGD: index 1023 of page directory 0x[0-9a-f]+: the Switcher owns"
killed hostile-pgtable-outside "LHCALL_NEW_PGTABLE: page directory 0x[0-9a-f]+000 is not a page-aligned page inside"
killed hostile-pgtable-unaligned "LHCALL_NEW_PGTABLE: page directory 0x[0-9a-f]+234 is not"
killed hostile-switcher-code-write \
	"page fault at 0xffc00000 in the Switcher's pages .*wrote to a read-only page"
killed hostile-switcher-state-write \
	"page fault at 0xffc03000 in the Switcher's pages .*wrote to a read-only page"

# Endless page directories, 300 page tables each: the Host's pool must end
# the same size after 60 as after 10, and within the 4 MiB it may use
# beyond the Guest's RAM (1024 pages).
mmu_run "test=hostile-pgdir-flood count=10 regions=300"
p1=$(host_count "Host pool") rc1=$rc
mmu_run "test=hostile-pgdir-flood count=60 regions=300"
p2=$(host_count "Host pool")
if [ "$rc1" != 0 ] || [ "$rc" != 0 ] || [ -z "$p1" ] || [ -z "$p2" ]; then
	fail hostile-pgdir-flood "exit statuses $rc1 and $rc"
elif [ "$p1" != "$p2" ] || [ "$p2" -gt 1024 ]; then
	fail hostile-pgdir-flood "the Host pool grew from $p1 to $p2 pages (limit 1024)"
else
	pass hostile-pgdir-flood
fi
