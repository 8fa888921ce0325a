/*
 * Laying out a Guest's memory: its kernel, its initrd, and the boot page
 * that tells it where they are.  Plain C over a buffer that is the Guest's
 * RAM, so the unit tests run it against anything.
 */
#ifndef HOST_LOAD_H
#define HOST_LOAD_H

#include <stddef.h>
#include <lguest/boot.h>
#include <lguest/types.h>

struct guest_image {
	const void *kernel;	/* the ELF file */
	size_t kernel_size;
	const void *initrd;	/* may be NULL */
	size_t initrd_size;
	const char *cmdline;	/* may be NULL */
	u32 boots;		/* restarts before this boot */
	const struct lguest_device *devices;	/* its devices, for the boot page */
	u32 device_count;
};

/* Load the image into mem[0..mem_size) (which it does not clear).  On success
 * returns 0 and sets *entry; on failure returns -1 with a sentence in err
 * (e.g. "the Guest kernel has a segment outside the Guest's memory"). */
int load_guest(const struct guest_image *img, u8 *mem, u32 mem_size,
	       u32 *entry, char *err, size_t errlen);

/* The page tables a Guest boots on (boot.h's promise): how many bytes they
 * take for mem_size bytes of RAM, and writing them at gpa pgdir. */
u32 boot_pagetables_size(u32 mem_size);
void write_boot_pagetables(u8 *mem, u32 mem_size, u32 pgdir);

#endif
