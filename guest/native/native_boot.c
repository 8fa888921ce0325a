/*
 * Booting natively: turn what a multiboot loader tells us into the
 * struct lguest_boot_info the Host would have written, laid out the way
 * the Host lays out a Guest's memory (host/launcher/load.c): the command
 * line beside the boot information, the initrd page-aligned at the top of
 * RAM.  After this, nothing in the kernel can tell which world it is in,
 * except by asking pv.world.
 */
#include <lguest/virtio.h>
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "native/native.h"
#include "x86/paravirt.h"
#include "x86/patch.h"

#define PAGE 4096u

static u32 read_cr3(void)
{
	u32 cr3;

	asm volatile("movl %%cr3, %0" : "=r"(cr3));
	return cr3;
}

static void write_cr3(u32 cr3)
{
	asm volatile("movl %0, %%cr3" : : "r"(cr3) : "memory");
}

/* The parts of the multiboot (version 1) information we read. */
#define MB_INFO_MEMORY	(1u << 0)
#define MB_INFO_CMDLINE	(1u << 2)
#define MB_INFO_MODS	(1u << 3)
#define MB_INFO_MMAP	(1u << 6)
#define MB_MEMORY_AVAILABLE 1

struct mb_info {
	u32 flags;
	u32 mem_lower, mem_upper;	/* KiB below 1 MiB, and above it */
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
};

struct mb_module {
	u32 start, end, string, reserved;
};

/* "size" does not count itself. */
struct mb_mmap_entry {
	u32 size;
	u64 addr, len;
	u32 type;
} __attribute__((packed));

extern char kernel_end[];

/* The boot page: where the Host would put it is low memory the loader may
 * still be using, so it lives in our BSS; its gpa is all anyone sees. */
static struct {
	struct lguest_boot_info info;
	char cmdline[LGUEST_CMDLINE_MAX];
} boot_page __attribute__((aligned(PAGE)));

/* RAM from 0 up, as the Host gives it: the end of the available range we
 * were loaded into (1 MiB), no further than a Guest's linear map reaches. */
static u32 memory_size(const struct mb_info *mb)
{
	u64 top = 0;

	if (mb->flags & MB_INFO_MMAP) {
		u32 off = 0;

		while (off + sizeof(struct mb_mmap_entry) <= mb->mmap_length) {
			const struct mb_mmap_entry *e = __va(mb->mmap_addr + off);

			if (e->type == MB_MEMORY_AVAILABLE && e->addr <= 0x100000 &&
			    e->addr + e->len > 0x100000)
				top = e->addr + e->len;
			off += e->size + sizeof(e->size);
		}
	} else if (mb->flags & MB_INFO_MEMORY) {
		top = 0x100000 + (u64)mb->mem_upper * 1024;
	}
	if (!top)
		crash("native boot: the loader gave no memory size");
	if (top > LGUEST_MEM_MAX)
		top = LGUEST_MEM_MAX;
	return (u32)top & ~(PAGE - 1);
}

/* A multiboot command line starts with the kernel's own name, by the
 * convention GRUB began and QEMU follows: the Guest's starts after it. */
static const char *guest_cmdline(const struct mb_info *mb)
{
	const char *s;

	if (!(mb->flags & MB_INFO_CMDLINE) || !mb->cmdline)
		return "";
	s = __va(mb->cmdline);
	while (*s && *s != ' ')
		s++;
	while (*s == ' ')
		s++;
	return s;
}

/*
 * The page tables the Host would have started us on (load.c's): a
 * directory, then one table per 4 MiB of RAM, each hung in twice, at 0 and
 * at LGUEST_PAGE_OFFSET; every entry accessed, dirty and user-accessible.
 * They go right below the initrd, or the top of RAM, where the Host puts
 * them, so whatever later reuses those pages finds them in the same place.
 */
#define BOOT_PTE_FLAGS 0x67u	/* present, writable, user, accessed, dirty */
#define BOOT_PDE_FLAGS 0x27u	/* present, writable, user, accessed */

static u32 build_boot_tables(u32 mem_size, u32 below, u32 kernel_end)
{
	u32 tables = (mem_size + (4u << 20) - 1) / (4u << 20);
	u32 pgdir = below - (1 + tables) * PAGE;
	u32 *pgd = __va(pgdir);

	if (below < kernel_end + (1 + tables) * PAGE)
		crash("native boot: no room for the boot page tables below 0x%x",
		      below);
	memset(pgd, 0, PAGE);
	for (u32 i = 0; i < tables; i++) {
		u32 pt_gpa = pgdir + (1 + i) * PAGE;
		u32 *pt = __va(pt_gpa);

		for (u32 j = 0; j < 1024; j++) {
			u32 gpa = i << 22 | j << 12;

			pt[j] = gpa < mem_size ? gpa | BOOT_PTE_FLAGS : 0;
		}
		pgd[i] = pt_gpa | BOOT_PDE_FLAGS;
		pgd[(LGUEST_PAGE_OFFSET >> 22) + i] = pt_gpa | BOOT_PDE_FLAGS;
	}
	return pgdir;
}

/*
 * The machine's virtio devices, listed as the Host lists the ones it
 * plays: microvm has up to 24 virtio-mmio transports, 0x200 bytes apart
 * from 0xFEB00000, each with its interrupt at GSI 24 + slot on the second
 * IOAPIC (5 + slot, of 8, without one).  We look while still on head.S's
 * page directory, through a 4 MiB page mapped there for the look only.
 */
#define VIRTIO_BASE	0xFEB00000u
#define VIRTIO_STRIDE	0x200u
#define VIRTIO_PDE	(0xFE800000u | PDE_PRESENT | PDE_RW | PDE_PWT | PDE_PCD | PDE_4M)

static void find_devices(struct lguest_boot_info *info)
{
	u32 *pgd = __va(read_cr3()), slots = native_has_ioapic2 ? 24 : 8;
	u32 irq_base = native_has_ioapic2 ? IOAPIC2_FIRST_GSI : 5;

	pgd[VIRTIO_BASE >> 22] = VIRTIO_PDE;
	write_cr3(read_cr3());
	info->device_count = 0;
	for (u32 slot = 0; slot < slots && info->device_count < LGUEST_MAX_DEVICES; slot++) {
		volatile u32 *regs = (volatile u32 *)(VIRTIO_BASE + slot * VIRTIO_STRIDE);
		u32 id = regs[VIRTIO_MMIO_DEVICE_ID / 4];

		if (regs[VIRTIO_MMIO_MAGIC_VALUE / 4] != VIRTIO_MMIO_MAGIC || !id)
			continue;
		info->devices[info->device_count++] = (struct lguest_device){
			.base = VIRTIO_BASE + slot * VIRTIO_STRIDE,
			.irq = irq_base + slot,
			.id = id,
		};
	}
	pgd[VIRTIO_BASE >> 22] = 0;
	write_cr3(read_cr3());
}

unsigned long native_boot(unsigned long mbi)
{
	const struct mb_info *mb = __va(mbi);
	struct lguest_boot_info *info = &boot_page.info;
	const char *cmdline = guest_cmdline(mb);
	size_t cmdlen = strlen(cmdline);
	u32 top;

	native_init();

	info->magic = LGUEST_BOOT_MAGIC;
	info->version = LGUEST_BOOT_VERSION;
	info->mem_size = memory_size(mb);
	info->kernel_end = (__pa(kernel_end) + PAGE - 1) & ~(PAGE - 1);
	info->boots = 0;
	if (cmdlen >= LGUEST_CMDLINE_MAX)
		crash("native boot: the command line is %u bytes, over the "
		      "limit of %u", (unsigned)cmdlen, LGUEST_CMDLINE_MAX - 1);
	memcpy(boot_page.cmdline, cmdline, cmdlen + 1);
	info->cmdline = __pa(boot_page.cmdline);
	info->cmdline_len = (u32)cmdlen;

	/* The first module is the initrd.  The loader put it right after
	 * us; the Host puts it at the top of RAM, and so do we, where the
	 * memory above the kernel stays one free range in both worlds.  It
	 * only moves up, so memmove() copes with any overlap. */
	info->initrd = info->initrd_size = 0;
	if ((mb->flags & MB_INFO_MODS) && mb->mods_count) {
		const struct mb_module *mod = __va(mb->mods_addr);
		u32 size = mod->end - mod->start;
		u32 to = (info->mem_size - size) & ~(PAGE - 1);

		if (mod->end < mod->start || size > info->mem_size ||
		    to < info->kernel_end || to < mod->start)
			crash("native boot: the initrd (%u bytes at 0x%x) does "
			      "not fit in memory above the kernel", size, mod->start);
		memmove(__va(to), __va(mod->start), size);
		info->initrd = to;
		info->initrd_size = size;
	}

	find_devices(info);

	/* Off head.S's 4 MiB pages and onto the Host's layout. */
	top = info->initrd ? info->initrd : info->mem_size;
	info->pgdir = build_boot_tables(info->mem_size, top, info->kernel_end);
	pv_load_pgdir(__va(info->pgdir));
	return __pa(info);
}
