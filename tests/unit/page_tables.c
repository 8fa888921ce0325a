/*
 * host/core/page_tables_walk.c: reading the Guest's page tables out of its
 * memory, the checks on every entry, and the shadow entries made from them;
 * and host/launcher/load.c's boot page tables, walked the same way.
 */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "elf_builder.h"
#include "../../host/core/lg.h"
#include "../../host/launcher/load.h"

#define MEM (1u << 20)
#define PGDIR 0x10000u
#define PT 0x11000u
#define P _PAGE_PRESENT
#define RW _PAGE_RW
#define US _PAGE_USER
#define A _PAGE_ACCESSED
#define D _PAGE_DIRTY

static u32 *entry(struct lguest *lg, u32 gpa) { return (u32 *)(lg->mem + gpa); }

int main(void)
{
	struct lguest lg = { .mem = calloc(1, MEM), .mem_size = MEM,
			     .mem_machine = 0x4000000 };
	struct gwalk_result w;
	u32 va = 0x40123000 | 0x456;	/* pgd 256, pte 0x123 */

	/* Which page directories a Guest may name. */
	CHECK(guest_pgdir_ok(&lg, PGDIR), "a page of RAM is a page directory");
	CHECK(!guest_pgdir_ok(&lg, PGDIR + 4), "an unaligned one is not");
	CHECK(!guest_pgdir_ok(&lg, MEM), "one at the end of RAM is not");
	CHECK(!guest_pgdir_ok(&lg, 0xFFFFF000u), "one that wraps is not");
	CHECK(guest_pgdir_ok(&lg, MEM - 4096), "the last page is");

	/* Frames. */
	CHECK(guest_frame_ok(&lg, (MEM - 4096) | 0xFFF), "the last frame, any flags");
	CHECK(!guest_frame_ok(&lg, MEM | P), "the frame at the end of RAM is not");
	CHECK(!guest_frame_ok(&lg, 0xFFFFF000u | P), "the top frame is not");

	/* The walk, one step at a time. */
	CHECK(guest_walk(&lg, PGDIR, va, &w) == GWALK_NO_PDE, "an empty directory maps nothing");
	*entry(&lg, PGDIR + 256 * 4) = PT | P | RW | US;
	CHECK(guest_walk(&lg, PGDIR, va, &w) == GWALK_NO_PTE && w.pde_gpa == PGDIR + 1024,
	      "a directory entry without a table entry maps nothing");
	*entry(&lg, PT + 0x123 * 4) = 0x55000 | P | RW;
	CHECK(guest_walk(&lg, PGDIR, va, &w) == GWALK_OK, "a full walk succeeds");
	CHECK(w.pte == (0x55000 | P | RW) && w.pte_gpa == PT + 0x123 * 4 &&
	      w.pde == (PT | P | RW | US), "it reports both entries and where they are");
	*entry(&lg, PT + 0x123 * 4) = MEM | P | RW;
	CHECK(guest_walk(&lg, PGDIR, va, &w) == GWALK_BAD_PTE && w.pte == (MEM | P | RW),
	      "a PTE frame at the end of RAM is refused");
	*entry(&lg, PT + 0x123 * 4) = 0xFFFFF000u | P;
	CHECK(guest_walk(&lg, PGDIR, va, &w) == GWALK_BAD_PTE, "a PTE frame at 4 GiB - 4 KiB is refused");
	lg.device_base = MEM + 0x10000;
	lg.device_size = 0x2000;
	*entry(&lg, PT + 0x123 * 4) = (MEM + 0x11000) | P | RW;
	CHECK(guest_walk(&lg, PGDIR, va, &w) == GWALK_DEVICE, "a frame in the device window is a device's");
	CHECK(guest_device_frame(&lg, (MEM + 0x10000) | P) && !guest_device_frame(&lg, MEM + 0x12000) &&
	      !guest_device_frame(&lg, MEM + 0xF000), "the window is exactly its pages");
	*entry(&lg, PGDIR + 256 * 4) = (MEM + 0x10000) | P;
	CHECK(guest_walk(&lg, PGDIR, va, &w) == GWALK_BAD_PDE, "but a page table there is refused");
	lg.device_base = lg.device_size = 0;
	*entry(&lg, PGDIR + 256 * 4) = (MEM + 0x3000) | P;
	CHECK(guest_walk(&lg, PGDIR, va, &w) == GWALK_BAD_PDE, "a page table beyond RAM is refused");
	*entry(&lg, PGDIR + 256 * 4) = P | RW | _PAGE_PSE;
	CHECK(guest_walk(&lg, PGDIR, va, &w) == GWALK_PSE, "a 4 MiB page is reported");
	*entry(&lg, PGDIR + 1023 * 4) = PT | P | RW;
	CHECK(guest_walk(&lg, PGDIR, 0xFFC01000u, &w) == GWALK_SWITCHER,
	      "the Switcher's slot is never walked, whatever the Guest put there");
	CHECK(guest_walk(&lg, PGDIR, 0xFFBFF000u, &w) == GWALK_NO_PDE, "the slot below it is the Guest's");

	/* Whose fault is it? */
	CHECK(guest_allows(P | RW | US, P | RW | US, PF_WRITE | PF_USER), "a user write to a user RW page");
	CHECK(!guest_allows(P | US, P | RW | US, PF_WRITE), "not if the directory is read-only");
	CHECK(!guest_allows(P | RW | US, P | US, PF_WRITE), "not if the PTE is read-only, even from the kernel");
	CHECK(!guest_allows(P | RW, P | RW | US, PF_USER), "not a user read through a kernel directory entry");
	CHECK(!guest_allows(P | RW | US, P | RW, PF_USER), "not a user read of a kernel page");
	CHECK(guest_allows(P | RW, P, 0), "a kernel read of a read-only kernel page");

	/* Shadow entries. */
	CHECK(shadow_pte(&lg, P | RW | US, 0x55000 | P | RW | US | A) ==
	      (0x4055000 | P | US | A), "a clean page is shadowed read-only, at its machine address");
	CHECK(shadow_pte(&lg, P | RW | US, 0x55000 | P | RW | US | A | D) ==
	      (0x4055000 | P | RW | US | A | D), "a dirty writable page is shadowed writable");
	CHECK(!(shadow_pte(&lg, P | US, 0x55000 | P | RW | US | D) & RW),
	      "never writable through a read-only directory entry");
	CHECK(!(shadow_pte(&lg, P | RW, 0x55000 | P | RW | US | D) & US),
	      "never user through a kernel directory entry");
	CHECK(!(shadow_pte(&lg, P | RW, 0x55000 | P | D | _PAGE_GLOBAL | 0xE00 | 0x80) & 0xF80),
	      "global, PAT and the Guest's own bits are dropped");

	/* The launcher's boot tables: RAM at 0 and at LGUEST_PAGE_OFFSET. */
	{
		u32 size = boot_pagetables_size(MEM), pgdir = MEM - size;
		u8 *m = lg.mem;

		memset(m, 0xEE, MEM);	/* RAM is not cleared between boots */
		write_boot_pagetables(m, MEM, pgdir);
		CHECK(size == 2 * 4096, "1 MiB needs a directory and one table");
		CHECK(guest_walk(&lg, pgdir, 0x100000 - 4096, &w) == GWALK_OK &&
		      (w.pte & PAGE_MASK) == 0x100000 - 4096, "the last page is mapped at its own address");
		CHECK(guest_walk(&lg, pgdir, LGUEST_PAGE_OFFSET + 0x5000, &w) == GWALK_OK &&
		      (w.pte & PAGE_MASK) == 0x5000 && (w.pte & (A | D | RW)) == (A | D | RW),
		      "and at LGUEST_PAGE_OFFSET, accessed, dirty and writable");
		CHECK(guest_walk(&lg, pgdir, 0x100000, &w) == GWALK_NO_PTE,
		      "nothing past the end of RAM, whatever was there before");
		CHECK(guest_walk(&lg, pgdir, 0x400000, &w) == GWALK_NO_PDE &&
		      guest_walk(&lg, pgdir, 0x80000000, &w) == GWALK_NO_PDE, "nor anywhere else");
		CHECK(boot_pagetables_size(LGUEST_MEM_MAX) == 241 * 4096, "960 MiB needs 240 tables");
	}
	/* load_guest() puts them right below the initrd, or refuses. */
	{
		u32 big = 4u << 20, entry;
		u8 *m = malloc(big), *initrd = calloc(1, big);
		struct test_elf e;
		struct guest_image img = { .kernel = &e, .kernel_size = sizeof(e),
					   .initrd = initrd };
		const struct lguest_boot_info *info = (const void *)(m + LGUEST_BOOT_INFO_GPA);
		char err[200] = "";

		test_elf_init(&e, 0x100000, 100, 5000);	/* kernel_end 0x102000 */
		img.initrd_size = big - 0x104000;	/* room for exactly two pages */
		CHECK(load_guest(&img, m, big, &entry, err, sizeof(err)) == 0 &&
		      info->pgdir == 0x102000, "the boot tables fit between kernel and initrd (%s)", err);
		img.initrd_size = big - 0x103000;
		CHECK(load_guest(&img, m, big, &entry, err, sizeof(err)) == -1 &&
		      strstr(err, "boot page tables"), "one page short is refused");
		img.initrd_size = 0;
		CHECK(load_guest(&img, m, big, &entry, err, sizeof(err)) == 0 &&
		      info->pgdir == big - 2 * 4096, "with no initrd they end at the top of RAM");
		free(m);
		free(initrd);
	}
	free(lg.mem);
	return check_done();
}
