/* The Host's page tables: all RAM mapped one-to-one, and the Switcher. */
#ifndef HOST_PAGING_H
#define HOST_PAGING_H

#include <lguest/types.h>

/* Map [0, top) one-to-one with 4 MiB pages and turn paging on. */
void paging_init(u32 top);

/* Map the 4 MiB of device registers holding phys, uncached. */
void paging_map_device(u32 phys);

/* The Host's page directory, for the Switcher to be hung into. */
u32 *host_page_directory(void);

#endif
