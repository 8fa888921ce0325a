/* Thread-local storage as glibc does it: set_thread_area, then %gs with
 * negative offsets from the thread pointer at the block's end. */
#include "lib/user.h"

struct user_desc {
	u32 entry_number, base_addr, limit;
	u32 flags;	/* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1 ... */
};

static u32 block[8];

int main(void)
{
	struct user_desc d = { (u32)-1, (u32)&block[8], 0xFFFFF, 0x51 };
	u32 sel, v;

	block[7] = 0x11112222;
	block[4] = 0x33334444;
	if (syscall3(SYS_set_thread_area, (long)&d, 0, 0) != 0)
		return print("set_thread_area failed\n"), 1;
	sel = d.entry_number * 8 + 3;
	asm volatile("movl %0, %%gs" : : "r"(sel));
	asm volatile("movl %%gs:-4, %0" : "=r"(v));
	if (v != 0x11112222)
		return print("%gs:-4 is wrong\n"), 2;
	asm volatile("movl %%gs:-16, %0" : "=r"(v));
	if (v != 0x33334444)
		return print("%gs:-16 is wrong\n"), 3;
	asm volatile("movl %0, %%gs:-8" : : "r"(0x5A5A5A5Au));
	if (block[6] != 0x5A5A5A5A)
		return print("a write through %gs missed\n"), 4;
	print_num("tls: entry ", d.entry_number);
	print(" works through %gs\n");
	return 0;
}
