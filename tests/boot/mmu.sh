#!/usr/bin/env bash
# Shadow page tables, through the Guest's own page tables (guest/mm/mm.c,
# guest/test/mm_tests.c): each behaviour checks what it sees from inside, and
# the Host's counters (its log) show what it cost.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/lib_mmu.sh

mmu_run "test=hello"
expect mmu-boot-tables 0 "Hello from the Guest" "directories built"

mmu_run "test=mmu-no-identity"
expect mmu-no-identity 100 "Guest crashed: page fault at address 0x[0-9a-f]+ .*unmapped read from ring 1"

mmu_run "test=mmu-demand"
expect mmu-demand 0 "mmu-demand: a fresh page at 0x40000000 is frame"

mmu_run "test=mmu-dirty"
expect mmu-dirty 0 "accessed after the read, dirty after the write"

mmu_run "test=mmu-set-pte"
expect mmu-set-pte 0 "every cached shadow saw each change"

mmu_run "test=mmu-flush"
expect mmu-flush 0 "each flush brought in the new entry"

# Ring 3: its own pages are shadowed for it (it reads and writes one, then
# reaches the kernel read at offset 0xe); a kernel page is not.
mmu_run "test=mmu-user"
expect mmu-user 100 "Guest crashed: page fault at address 0xc0001000 \(eip 0x4000000e, error code 0x5: protection violation on read from ring 3\)"

# Unmapped, then touched: a page fault the Guest cannot survive (killed by
# the Host, or, once it handles its own faults, its crash message).
mmu_run "test=mmu-unmap"
if [ "$rc" = 101 ] || [ "$rc" = 100 ]; then
	expect mmu-unmap "$rc" "page fault at( address)? 0x40000000"
else
	expect mmu-unmap 101
fi

# Two address spaces switched back and forth: 100 more rounds cost 200
# more exits (the two LHCALL_NEW_PGTABLEs each), so no switch faulted
# anything back in, and no more directories were built.  (A few exits of
# slack for stray machine interrupts; a switch that rebuilt its shadow would
# fault at least once a round, 100 more.)
mmu_run "test=mmu-switch rounds=20"
e1=$(host_count exits) b1=$(host_count "directories built") rc1=$rc
mmu_run "test=mmu-switch rounds=120"
e2=$(host_count exits) b2=$(host_count "directories built")
if [ "$rc1" != 0 ] || [ "$rc" != 0 ] || [ -z "$e1" ] || [ -z "$e2" ]; then
	fail mmu-switch "exit statuses $rc1 and $rc"
elif [ $((e2 - e1)) -lt 200 ] || [ $((e2 - e1)) -gt 210 ] || [ "$b1" != "$b2" ]; then
	fail mmu-switch "100 more rounds cost $((e2 - e1)) exits (want 200)" \
		"and built $b1 then $b2 directories (want the same)"
else
	pass mmu-switch
fi

# The async ring: 64 page-table updates in one lazy batch cost one exit
# more than none at all; one hypercall each costs 64.  (One exit of slack
# for a stray machine interrupt.)
mmu_run "test=mmu-batch n=0"
e0=$(host_count exits) rc0=$rc
mmu_run "test=mmu-batch n=64"
ea=$(host_count exits) rca=$rc
mmu_run "test=mmu-batch n=64 sync=1"
es=$(host_count exits)
if [ "$rc0$rca$rc" != 000 ] || [ -z "$e0" ] || [ -z "$ea" ] || [ -z "$es" ]; then
	fail mmu-batch "exit statuses $rc0, $rca and $rc"
elif [ $((ea - e0)) -lt 1 ] || [ $((ea - e0)) -gt 2 ] || [ $((es - e0)) -lt 64 ]; then
	fail mmu-batch "a batch of 64 cost $((ea - e0)) exits (want 1)," \
		"64 synchronous updates $((es - e0)) (want 64)"
else
	pass mmu-batch
fi
