/*
 * Process system calls: exit, getpid, sched_yield, and the TLS entries a
 * C library's threads live in.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/syscalls.h"
#include "x86/desc.h"

long sys_exit(u32 status)
{
	proc_exit((int)(status & 0xFF));
}

long sys_getpid(void)
{
	return current->pid;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

/* glibc's thread pointer: a data segment in one of the three TLS slots. */
struct user_desc {
	u32 entry_number, base_addr, limit, flags;
};

long sys_set_thread_area(u32 uptr)
{
	struct user_desc d;
	u32 slot;

	if (!user_range_ok(current, uptr, sizeof(d)))
		return -EFAULT;
	d = *(struct user_desc *)uptr;
	if (d.entry_number == 0xFFFFFFFFu)
		d.entry_number = GDT_ENTRY_TLS_MIN;
	if (d.entry_number < GDT_ENTRY_TLS_MIN || d.entry_number > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	slot = d.entry_number - GDT_ENTRY_TLS_MIN;
	/* 32-bit, data, writable, at ring 3; limit in pages if asked. */
	current->tls[slot] = seg_desc(d.base_addr, d.limit, ACC_DATA_DPL3, (d.flags >> 4) & 1);
	proc_load_tls(current);
	((struct user_desc *)uptr)->entry_number = d.entry_number;
	return 0;
}

