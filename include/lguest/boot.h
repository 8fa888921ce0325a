/*
 * How a Guest is started, and what it is told.
 *
 * On the Host, the Guest kernel begins at its ELF entry point with:
 *   %eax = LGUEST_BOOT_MAGIC
 *   %ebx = the Guest-physical address of its struct lguest_boot_info
 *   ring 1, flat segments LGUEST_KERNEL_CS / LGUEST_KERNEL_DS (both | 1),
 *   paging on, with all of its RAM mapped twice: at virtual 0 (so the entry
 *   code, linked at its physical address, can run) and at
 *   LGUEST_PAGE_OFFSET (where the rest of the kernel is linked), by page
 *   tables in its own memory (boot info's pgdir) that the Host shadows.
 *   No stack: the entry code sets its own.
 *
 * Natively (a multiboot loader), %eax holds the multiboot magic instead:
 * that one register is how the Guest knows which world it is in.
 */
#ifndef LGUEST_BOOT_H
#define LGUEST_BOOT_H

#include <lguest/types.h>

#define LGUEST_BOOT_MAGIC	0x4C475545	/* "LGUE" */
#define LGUEST_BOOT_VERSION	1

/* Where the Guest kernel lives in virtual memory. */
#define LGUEST_PAGE_OFFSET	0xC0000000

/* The Guest-physical page the Host writes the boot information into.
 * Page 0 is left alone so a NULL pointer is never a valid boot page. */
#define LGUEST_BOOT_INFO_GPA	0x1000

/* Longest command line, including its terminating NUL.  The lguest
 * command refuses a longer one rather than cut it. */
#define LGUEST_CMDLINE_MAX	2048

/* Guest RAM the Host can give, in bytes.  The upper bound keeps the
 * Guest's linear map at LGUEST_PAGE_OFFSET clear of the Switcher at
 * 0xFFC00000 with room to spare. */
#define LGUEST_MEM_MIN		(4u << 20)
#define LGUEST_MEM_MAX		(960u << 20)
#define LGUEST_MEM_DEFAULT	(64u << 20)

/* The page tables a Guest boots on (boot info's pgdir) take a directory
 * and one table per 4 MiB of its RAM.  They lie between the kernel and the
 * initrd, which ends at the top of RAM, page-aligned: so the Guest's RAM
 * must hold the kernel, these and the initrd, each to a whole page. */
#define LGUEST_BOOT_TABLES_SIZE(mem) \
	((1 + ((mem) + (4u << 20) - 1) / (4u << 20)) * 4096u)

/* Devices: virtio-mmio windows of one page each.  On the Host they sit
 * just above the Guest's RAM and are never mapped: each access faults into
 * the Host, which plays the device.  Natively they are the machine's own. */
#define LGUEST_MAX_DEVICES	4
#define LGUEST_DEVICE_WINDOW	4096

#ifndef __ASSEMBLER__
struct lguest_device {
	u32 base;		/* physical address of its registers */
	u32 irq;		/* its interrupt: vector 32 + irq */
	u32 id;			/* VIRTIO_ID_*, so the Guest need not probe */
};

struct lguest_boot_info {
	u32 magic;		/* LGUEST_BOOT_MAGIC */
	u32 version;		/* LGUEST_BOOT_VERSION */
	u32 mem_size;		/* bytes of RAM, Guest-physical 0 up */
	u32 cmdline;		/* gpa of the NUL-terminated command line */
	u32 cmdline_len;	/* its length, without the NUL */
	u32 initrd;		/* gpa of the initrd, 0 if there is none */
	u32 initrd_size;	/* its size in bytes */
	u32 kernel_end;		/* gpa of the first page past the kernel */
	u32 boots;		/* how many times it was restarted before */
	u32 pgdir;		/* gpa of the page directory it starts on: the
				 * Host's initial tables (RAM at 0 and at
				 * LGUEST_PAGE_OFFSET), right below the initrd
				 * (or the top of RAM); the Guest may reuse
				 * those pages once it has its own */
	u32 device_count;
	struct lguest_device devices[LGUEST_MAX_DEVICES];
};
#endif

#endif
