/*
 * Laying out a Guest's memory (see load.h).  Guest-physical memory looks
 * like this when the Guest starts:
 *
 *   0x0000  unused (a NULL pointer is never a good address)
 *   0x1000  the boot page: struct lguest_boot_info, then the command line
 *   1 MiB   the kernel's segments, where their physical addresses say
 *   ...     free
 *           the boot page tables (boot_pagetables_size() bytes)
 *   top     the initrd, page-aligned, ending at the top of RAM
 */
#include <lguest/boot.h>
#include "elf.h"
#include "format.h"
#include "kstring.h"
#include "load.h"

#define PAGE 4096u
_Static_assert(sizeof(struct lguest_boot_info) + LGUEST_CMDLINE_MAX <= PAGE,
	       "the command line fits in the boot page");

static int fail(char *err, size_t errlen, const char *what)
{
	format(err, errlen, "%s", what);
	return -1;
}

/*
 * The page tables a Guest starts on, in its own memory like every page
 * table it will have: a directory, then one page table per 4 MiB of RAM,
 * each hung in twice (at virtual 0 and at LGUEST_PAGE_OFFSET).  Every
 * entry is accessed and dirty already, so the Host need not fault to set
 * those bits during boot, and user-accessible: what ring 3 may touch is
 * the Guest's business once it runs its own tables.
 */
#define BOOT_PTE_FLAGS 0x67u	/* present, writable, user, accessed, dirty */
#define BOOT_PDE_FLAGS 0x27u	/* present, writable, user, accessed */

u32 boot_pagetables_size(u32 mem_size)
{
	return LGUEST_BOOT_TABLES_SIZE(mem_size);
}

void write_boot_pagetables(u8 *mem, u32 mem_size, u32 pgdir)
{
	u32 *pgd = (u32 *)(mem + pgdir);
	u32 tables = boot_pagetables_size(mem_size) / PAGE - 1;

	memset(pgd, 0, PAGE);
	for (u32 i = 0; i < tables; i++) {
		u32 pt_gpa = pgdir + (1 + i) * PAGE;
		u32 *pt = (u32 *)(mem + pt_gpa);

		for (u32 j = 0; j < 1024; j++) {
			u32 gpa = (i << 22) | (j << 12);

			pt[j] = gpa < mem_size ? gpa | BOOT_PTE_FLAGS : 0;
		}
		pgd[i] = pt_gpa | BOOT_PDE_FLAGS;
		pgd[(LGUEST_PAGE_OFFSET >> 22) + i] = pt_gpa | BOOT_PDE_FLAGS;
	}
}

int load_guest(const struct guest_image *img, u8 *mem, u32 mem_size,
	       u32 *entry, char *err, size_t errlen)
{
	const char *cmdline = img->cmdline ? img->cmdline : "";
	size_t cmdlen = strlen(cmdline);
	struct lguest_boot_info *info;
	u32 kernel_end, initrd = 0, tables, pgdir;
	enum elf_error e;

	e = elf_check_image(img->kernel, img->kernel_size, mem_size, &kernel_end);
	if (e != ELF_OK) {
		format(err, errlen, "the Guest kernel %s", elf_error_string(e));
		return -1;
	}
	if (elf_overlaps(img->kernel, 0, LGUEST_BOOT_INFO_GPA + PAGE))
		return fail(err, errlen, "the Guest kernel overlaps its boot page "
			    "(it must load above 0x2000)");
	if (cmdlen >= LGUEST_CMDLINE_MAX) {
		format(err, errlen, "the Guest command line is %u bytes, over "
		       "the limit of %u", (unsigned)cmdlen, LGUEST_CMDLINE_MAX - 1);
		return -1;
	}
	kernel_end = (kernel_end + PAGE - 1) & ~(PAGE - 1);
	if (img->initrd_size) {
		u32 size = (u32)img->initrd_size;

		if (img->initrd_size > mem_size || mem_size - size < kernel_end) {
			format(err, errlen, "the initrd (%u bytes) does not fit in "
			       "the Guest's memory above its kernel (%u bytes free)",
			       (unsigned)img->initrd_size,
			       mem_size > kernel_end ? mem_size - kernel_end : 0);
			return -1;
		}
		initrd = (mem_size - size) & ~(PAGE - 1);
		if (initrd < kernel_end)
			return fail(err, errlen, "the initrd does not fit above the kernel");
	}

	tables = boot_pagetables_size(mem_size);
	pgdir = (initrd ? initrd : mem_size) - tables;
	if ((initrd ? initrd : mem_size) < kernel_end + tables)
		return fail(err, errlen, "no room for the boot page tables "
			    "between the kernel and the initrd");

	/* Guest RAM is not cleared first: zeroing 64 MiB costs more than
	 * everything else in a boot under TCG.  The kernel's BSS is zeroed by
	 * elf_load() and the boot page below; the rest is the Guest's to
	 * initialize, as on any machine (it only ever holds this Guest's own
	 * earlier contents, on a restart). */
	*entry = elf_load(img->kernel, mem);
	memset(mem + LGUEST_BOOT_INFO_GPA, 0, PAGE);
	if (initrd)
		memcpy(mem + initrd, img->initrd, img->initrd_size);

	info = (struct lguest_boot_info *)(mem + LGUEST_BOOT_INFO_GPA);
	info->magic = LGUEST_BOOT_MAGIC;
	info->version = LGUEST_BOOT_VERSION;
	info->mem_size = mem_size;
	info->cmdline = LGUEST_BOOT_INFO_GPA + sizeof(*info);
	info->cmdline_len = (u32)cmdlen;
	memcpy(mem + info->cmdline, cmdline, cmdlen + 1);
	info->initrd = initrd;
	info->initrd_size = (u32)img->initrd_size;
	info->kernel_end = kernel_end;
	info->boots = img->boots;
	if (img->device_count > LGUEST_MAX_DEVICES)
		return fail(err, errlen, "more devices than the boot page holds");
	info->device_count = img->device_count;
	for (u32 i = 0; i < img->device_count; i++)
		info->devices[i] = img->devices[i];
	info->pgdir = pgdir;
	write_boot_pagetables(mem, mem_size, pgdir);
	return 0;
}
