/*
 * Page frames: Guest-physical memory handed out a page at a time.  The free
 * ones are a list threaded through their own first word (reached through
 * the linear map), behind a bump pointer over what was never used.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "mm/mm.h"

static u32 bump, bump_end;	/* never handed out: [bump, bump_end) */
static u32 free_list;		/* gpa of the first freed frame, 0 if none */
static u32 nr_free;

void frames_init(u32 start, u32 end)
{
	bump = (start + PAGE_SIZE - 1) & PAGE_MASK;
	bump_end = end & PAGE_MASK;
	if (bump_end < bump)
		bump_end = bump;
	free_list = 0;
	nr_free = (bump_end - bump) / PAGE_SIZE;
}

void frame_free(u32 gpa)
{
	*(u32 *)__va(gpa) = free_list;
	free_list = gpa;
	nr_free++;
}

void frames_free_range(u32 start, u32 end)
{
	for (u32 gpa = start; gpa < end; gpa += PAGE_SIZE)
		frame_free(gpa);
}

u32 frame_alloc(void)
{
	u32 gpa;

	if (free_list) {
		gpa = free_list;
		free_list = *(u32 *)__va(gpa);
	} else if (bump < bump_end) {
		gpa = bump;
		bump += PAGE_SIZE;
	} else {
		crash("out of memory: no free page frames");
	}
	nr_free--;
	return gpa;
}

u32 frames_available(void)
{
	return nr_free;
}

void *page_zalloc(void)
{
	void *p = __va(frame_alloc());

	memset(p, 0, PAGE_SIZE);
	return p;
}
