/*
 * kmalloc: objects in power-of-two classes from 16 bytes to a page, each
 * class a free list threaded through its free objects, refilled a page at
 * a time.  An object's class is in a word just before it, so kfree needs
 * no size.  An object over half a page is a whole page of its own, and
 * is known by its alignment: class objects never start on a page.
 *
 * Pages handed to a class are never returned: the classes settle at what
 * the workload needs, and frames_available() is what the rest may have.
 */
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "boot/guest.h"
#include "kstring.h"
#include "drivers/console.h"

#define MIN_SHIFT	4	/* 16 bytes */
#define PAGE_CLASS	8	/* 16 << 8 = 4096: a whole page */
#define HEADER		8	/* the class word, padded to keep 8-byte alignment */

static void *free_lists[PAGE_CLASS];

/* The smallest class whose objects hold size bytes and the header. */
static unsigned class_of(size_t size)
{
	unsigned c = 0;

	while ((16u << c) < size + HEADER)
		c++;
	return c;
}

/* A page of class c's objects onto its free list. */
static int refill(unsigned c)
{
	u32 obj = 16u << c;
	u8 *page;

	if (!frames_available())
		return -1;
	page = __va(frame_alloc());
	for (u32 off = 0; off + obj <= PAGE_SIZE; off += obj) {
		*(void **)(page + off) = free_lists[c];
		free_lists[c] = page + off;
	}
	return 0;
}

void *kmalloc(size_t size)
{
	unsigned c;
	u8 *obj;

	if (size > KMALLOC_MAX)
		return NULL;
	if (size + HEADER > PAGE_SIZE / 2) {
		/* A page of its own: page-aligned, which kfree recognises. */
		if (!frames_available())
			return NULL;
		return __va(frame_alloc());
	}
	c = class_of(size);
	if (!free_lists[c] && refill(c) < 0)
		return NULL;
	obj = free_lists[c];
	free_lists[c] = *(void **)obj;
	*(u32 *)obj = c;
	return obj + HEADER;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	u8 *obj;
	u32 c;

	if (!p)
		return;
	/* Objects in class pages start HEADER past a class boundary, so
	 * only a whole-page object is page-aligned. */
	if (((u32)p & ~PAGE_MASK) == 0) {
		frame_free(__pa(p));
		return;
	}
	obj = (u8 *)p - HEADER;
	c = *(u32 *)obj;
	if (c >= PAGE_CLASS)
		crash("kfree(0x%x): not a kmalloc object (class word %u)", (u32)p, c);
	*(void **)obj = free_lists[c];
	free_lists[c] = obj;
}
