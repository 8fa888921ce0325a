/*
 * System calls: Linux's i386 numbers and conventions (number in %eax,
 * arguments in %ebx, %ecx, %edx, %esi, %edi, %ebp, the result in %eax,
 * errors as -errno), so static Linux programs run unchanged.  The table is
 * syscall_table.h; a number it lacks answers -ENOSYS, and the kernel says
 * once per number which program asked, so a user knows what is missing.
 */
#include "drivers/console.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/syscalls.h"

typedef long (*syscall_fn)(u32, u32, u32, u32, u32, u32);

struct syscall {
	syscall_fn fn;
	const char *name;
};

#define NR_SYSCALLS 450

/* Handlers take only the arguments they use: i386 C passes arguments on
 * the stack, and the caller cleans up, so calling one with six is safe. */
static const struct syscall table[NR_SYSCALLS] = {
#define SYSCALL(nr, name, nargs) [nr] = { (syscall_fn)(void (*)(void))sys_##name, #name },
#include "kernel/syscall_table.h"
#undef SYSCALL
};

/* The numbers already reported: a bit each inside the table; past its
 * end, a short list (a program trying every number must not flood the
 * log, so once it is full further numbers go unreported). */
static u8 reported[NR_SYSCALLS / 8 + 1];
static u32 reported_past[32];
static unsigned reported_past_count;

/* Whether nr is reported for the first time (and mark it reported). */
static int first_report(u32 nr)
{
	if (nr < NR_SYSCALLS) {
		int first = !(reported[nr / 8] & (1u << (nr % 8)));

		reported[nr / 8] |= (u8)(1u << (nr % 8));
		return first;
	}
	for (unsigned i = 0; i < reported_past_count; i++)
		if (reported_past[i] == nr)
			return 0;
	if (reported_past_count == sizeof(reported_past) / sizeof(*reported_past))
		return 0;
	reported_past[reported_past_count++] = nr;
	return 1;
}

/* "strace" on the command line: every call and its result in the log,
 * the kernel's own strace for finding where the Guest and Linux part. */
int syscall_trace;

void syscall_dispatch(struct trap_frame *f)
{
	u32 nr = f->eax;

	current->syscall_nr = nr;
	if (nr < NR_SYSCALLS && table[nr].fn) {
		u32 a = f->ebx, b = f->ecx, c = f->edx;
		long r = table[nr].fn(f->ebx, f->ecx, f->edx, f->esi, f->edi, f->ebp);

		/* A call that does not return (exit, execve's old image)
		 * is not seen here; sigreturn's "result" is the old eax. */
		if (syscall_trace)
			printk("[%d %s] %s(0x%x, 0x%x, 0x%x) = %ld\n", current->pid,
			       current->comm, table[nr].name, a, b, c, r);
		f->eax = (u32)r;
		return;
	}
	if (first_report(nr))
		printk("[%s (pid %d): system call %u is not implemented (ENOSYS)]\n",
		       current->name, current->pid, nr);
	f->eax = (u32)-ENOSYS;
}
