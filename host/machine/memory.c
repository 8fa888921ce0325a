/* The machine's memory: where it is, and a page allocator over it. */
#include "console.h"
#include "kstring.h"
#include "memory.h"
#include "x86.h"

extern char host_start[], host_end[];

static u32 pool_next, pool_end, ram_top, pool_pages;

static u32 page_up(u32 a) { return (a + PAGE_SIZE - 1) & PAGE_MASK; }
static u32 max_u32(u32 a, u32 b) { return a > b ? a : b; }

/* The highest end of anything the loader handed us that lies above 1 MiB:
 * the pool must start past all of it. */
static u32 loader_data_end(const struct multiboot_info *mbi)
{
	u32 end = (u32)host_end;

	if (mbi->flags & MULTIBOOT_INFO_MODS) {
		const struct multiboot_module *mod = (void *)mbi->mods_addr;

		for (u32 i = 0; i < mbi->mods_count; i++) {
			end = max_u32(end, mod[i].mod_end);
			end = max_u32(end, mod[i].string +
					   strlen((char *)mod[i].string) + 1);
		}
		end = max_u32(end, mbi->mods_addr + mbi->mods_count * sizeof(*mod));
	}
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		end = max_u32(end, mbi->cmdline + strlen((char *)mbi->cmdline) + 1);
	return page_up(end);
}

void memory_init(const struct multiboot_info *mbi)
{
	u32 start = loader_data_end(mbi);

	if (!(mbi->flags & MULTIBOOT_INFO_MMAP))
		panic("the boot loader gave no memory map");

	/* Find the available region the Host was loaded into: it is all ours
	 * from the end of the loader's data to its end. */
	for (u32 off = 0; off < mbi->mmap_length;) {
		const struct multiboot_mmap_entry *e = (void *)(mbi->mmap_addr + off);
		u64 end = e->addr + e->len;

		if (e->len)
			host_debug("memory 0x%08llx-0x%08llx %s", e->addr, end - 1,
			   e->type == MULTIBOOT_MEMORY_AVAILABLE ? "available" : "reserved");
		if (e->type == MULTIBOOT_MEMORY_AVAILABLE &&
		    e->addr <= (u32)host_start && end > start) {
			/* Keep clear of the Switcher's top 4 MiB. */
			ram_top = end > 0xFF000000u ? 0xFF000000u : (u32)end;
			ram_top &= PAGE_MASK;
		}
		off += e->size + sizeof(e->size);
	}
	if (!ram_top)
		panic("no usable memory after the Host's image");
	pool_next = start;
	pool_end = ram_top;
	host_debug("Host image 0x%x-0x%x, pool from 0x%x, RAM top 0x%x",
		   (u32)host_start, (u32)host_end, start, ram_top);
}

u32 memory_top(void)
{
	return ram_top;
}

void *page_alloc(void)
{
	void *p;

	if (pool_next + PAGE_SIZE > pool_end)
		panic("out of Host memory after %u pages", pool_pages);
	p = (void *)pool_next;
	pool_next += PAGE_SIZE;
	pool_pages++;
	memset(p, 0, PAGE_SIZE);
	return p;
}

u32 pages_allocated(void)
{
	return pool_pages;
}

void *memory_carve_top(u32 size, u32 min_pool)
{
	u32 base;

	size = page_up(size);
	if (size > pool_end - pool_next || pool_end - size - pool_next < min_pool)
		return NULL;
	base = pool_end - size;
	pool_end = base;
	return (void *)base;
}
