/* The parts of the multiboot (version 1) information the Host reads. */
#ifndef HOST_MULTIBOOT_H
#define HOST_MULTIBOOT_H

#include <lguest/types.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002u

#define MULTIBOOT_INFO_CMDLINE	(1u << 2)
#define MULTIBOOT_INFO_MODS	(1u << 3)
#define MULTIBOOT_INFO_MMAP	(1u << 6)

struct multiboot_info {
	u32 flags;
	u32 mem_lower, mem_upper;
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
};

struct multiboot_module {
	u32 mod_start, mod_end;
	u32 string;
	u32 reserved;
};

/* A memory map entry; "size" does not count itself. */
struct multiboot_mmap_entry {
	u32 size;
	u64 addr, len;
	u32 type;
} __attribute__((packed));

#define MULTIBOOT_MEMORY_AVAILABLE 1

#endif
