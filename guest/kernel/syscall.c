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

static u8 reported[NR_SYSCALLS / 8 + 1];

void syscall_dispatch(struct trap_frame *f)
{
	u32 nr = f->eax;

	current->syscall_nr = nr;
	if (nr < NR_SYSCALLS && table[nr].fn) {
		f->eax = (u32)table[nr].fn(f->ebx, f->ecx, f->edx, f->esi, f->edi, f->ebp);
		return;
	}
	if (nr >= NR_SYSCALLS || !(reported[nr / 8] & (1u << (nr % 8)))) {
		if (nr < NR_SYSCALLS)
			reported[nr / 8] |= (u8)(1u << (nr % 8));
		printk("[%s (pid %d): system call %u is not implemented (ENOSYS)]\n",
		       current->name, current->pid, nr);
	}
	f->eax = (u32)-ENOSYS;
}
