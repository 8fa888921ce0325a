/*
 * Page frames: Guest-physical memory handed out a page at a time.  The free
 * ones are a list threaded through their own first word (reached through
 * the linear map), behind a bump pointer over what was never used.
 *
 * Each frame has a count of its users, so that fork can share a process's
 * pages between parent and child (copy-on-write, vm.c) and the last one out
 * frees it.  The counts are one array indexed by frame number, sized from
 * the RAM size and carved from the first free frames.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "mm/mm.h"

static u32 bump, bump_end;	/* never handed out: [bump, bump_end) */
static u32 free_list;		/* gpa of the first freed frame, 0 if none */
static u32 nr_free;
static u16 *refs;		/* per frame: its users; 0 when free */
static u32 nr_frames;

void frames_init(u32 start, u32 end, u32 mem_size)
{
	u32 refs_size;

	nr_frames = mem_size / PAGE_SIZE;
	refs_size = (nr_frames * sizeof(*refs) + PAGE_SIZE - 1) & PAGE_MASK;
	bump = (start + PAGE_SIZE - 1) & PAGE_MASK;
	refs = __va(bump);
	memset(refs, 0, refs_size);
	bump += refs_size;
	bump_end = end & PAGE_MASK;
	if (bump_end < bump)
		bump_end = bump;
	free_list = 0;
	nr_free = (bump_end - bump) / PAGE_SIZE;
}

static u16 *frame_refs_of(u32 gpa)
{
	if (gpa / PAGE_SIZE >= nr_frames)
		crash("frame 0x%x is beyond RAM", gpa);
	return &refs[gpa / PAGE_SIZE];
}

/* Onto the free list, whatever its count was. */
static void frame_release(u32 gpa)
{
	*frame_refs_of(gpa) = 0;
	*(u32 *)__va(gpa) = free_list;
	free_list = gpa;
	nr_free++;
}

void frame_free(u32 gpa)
{
	u16 *r = frame_refs_of(gpa);

	if (!*r)
		crash("frame_free 0x%x: the frame is already free", gpa);
	if (--*r == 0)
		frame_release(gpa);
}

int frame_share(u32 gpa)
{
	u16 *r = frame_refs_of(gpa);

	if (*r == 0xFFFF)
		return 0;
	++*r;
	return 1;
}

u32 frame_users(u32 gpa)
{
	return *frame_refs_of(gpa);
}

void frames_free_range(u32 start, u32 end)
{
	for (u32 gpa = start; gpa < end; gpa += PAGE_SIZE)
		frame_release(gpa);
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
	*frame_refs_of(gpa) = 1;
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
