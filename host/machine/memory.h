/*
 * The machine's memory, as the Host divides it:
 *   [1 MiB, free_start)   the Host's image, the multiboot modules
 *   [free_start, ...)     the Host's page pool (page tables and the like)
 *   [..., top)            the Guest's RAM, carved from the top
 */
#ifndef HOST_MEMORY_H
#define HOST_MEMORY_H

#include <lguest/types.h>
#include "multiboot.h"

void memory_init(const struct multiboot_info *mbi);

/* The first byte past the top of usable RAM: everything below is mapped
 * one-to-one in the Host's page tables. */
u32 memory_top(void);

/* A zeroed 4 KiB page from the pool; panics if the pool is empty. */
void *page_alloc(void);
/* Pages taken from the pool so far. */
u32 pages_allocated(void);

/* Carve size bytes (page-aligned) of RAM off the top for the Guest; NULL
 * if that would leave the Host less than min_pool bytes of pool. */
void *memory_carve_top(u32 size, u32 min_pool);

#endif
