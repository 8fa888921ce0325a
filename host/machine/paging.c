/*
 * The Host's own page tables.  The Host needs few: every byte of RAM at its
 * own address (4 MiB pages, so one directory is all it takes), plus the
 * Switcher's page table in the top slot, which the core fills in.
 *
 * CR0.WP is set so that read-only pages bind ring 0 and ring 1 too: the
 * Guest kernel runs at ring 1, which x86 counts as "supervisor", and
 * without WP it could write to the Switcher's read-only pages.
 */
#include "paging.h"
#include "x86.h"

static u32 host_pgdir[1024] __attribute__((aligned(4096)));

void paging_init(u32 top)
{
	for (u32 i = 0; i < 1023 && (u64)i << 22 < top; i++)
		host_pgdir[i] = (i << 22) | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	write_cr4(read_cr4() | X86_CR4_PSE);
	write_cr3((u32)host_pgdir);
	write_cr0(read_cr0() | X86_CR0_PG | X86_CR0_WP);
}

u32 *host_page_directory(void)
{
	return host_pgdir;
}

/* Map the 4 MiB of device registers holding phys, uncached, at its own
 * address (the Host's page directory has room: RAM never reaches there). */
void paging_map_device(u32 phys)
{
	host_pgdir[phys >> 22] = (phys & ~0x3FFFFFu) | _PAGE_PRESENT | _PAGE_RW |
				 _PAGE_PSE | _PAGE_PCD | _PAGE_PWT;
	write_cr3((u32)host_pgdir);
}
