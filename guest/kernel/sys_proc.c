/*
 * Process system calls: exit, fork and its kin, execve, wait, the family
 * (process groups, sessions), and the TLS entries a C library's threads
 * live in.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "kernel/errno.h"
#include "kernel/exec_args.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "x86/desc.h"

long sys_exit(u32 status)
{
	proc_exit((int)(status & 0xFF) << 8);
}

long sys_getpid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	return current->parent ? current->parent->pid : 0;
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

#define CLONE_VM		0x00000100u
#define CLONE_VFORK		0x00004000u
#define CLONE_THREAD		0x00010000u
#define CLONE_SETTLS		0x00080000u
#define CLONE_PARENT_SETTID	0x00100000u
#define CLONE_CHILD_CLEARTID	0x00200000u
#define CLONE_CHILD_SETTID	0x01000000u
/* What sharing we do not have: a child gets its own copy regardless
 * (fs, files, signal handlers), which a process (not a thread) expects
 * anyway. */

/* i386's argument order: flags, stack, parent_tid, tls, child_tid. */
long sys_clone(u32 flags, u32 newsp, u32 ptid, u32 tls, u32 ctid)
{
	struct proc *child;
	long err = 0;
	int pid;

	/* Threads need a shared signal table and thread groups: not here. */
	if (flags & (CLONE_THREAD | CLONE_SETTLS))
		return -EINVAL;
	if (!(child = proc_fork((flags & CLONE_VM) != 0, newsp, &err)))
		return err;
	pid = child->pid;
	if (flags & CLONE_CHILD_SETTID)
		vm_write(child->vm, ctid, &pid, 4);
	if (flags & CLONE_PARENT_SETTID)
		copy_to_user(ptid, &pid, 4);
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = ctid;
	if (!(flags & CLONE_VM))
		proc_run_child_first(child);
	if (flags & CLONE_VFORK) {
		/* The parent waits until the child has let go of the memory
		 * they share: at its execve or its exit. */
		child->vfork_parent = current;
		while (child->vfork_parent == current)
			sleep_uninterruptible(current);
	}
	return pid;
}

long sys_fork(void)
{
	return sys_clone(SIGCHLD, 0, 0, 0, 0);
}

long sys_vfork(void)
{
	return sys_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
}

long sys_set_tid_address(u32 tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_gettid(void)
{
	return current->pid;
}

/* argv and envp stay where they are, read (and checked) as exec copies
 * them into the new program's stack (exec_args.h). */
long sys_execve(u32 upath, u32 uargv, u32 uenvp)
{
	struct strv argv = strv_user(uargv), envp = strv_user(uenvp);
	char *path = kmalloc(PAGE_SIZE);
	long r;

	if (!path)
		return -ENOMEM;
	r = strncpy_from_user(path, upath, PAGE_SIZE);
	if (r >= 0)
		r = exec_file(path, &argv, &envp, user_frame(current));
	kfree(path);
	return r;
}

#define WNOHANG		1
#define WUNTRACED	2

struct rusage_k {
	u32 utime[2], stime[2];
	u32 rest[14];
};

long sys_wait4(u32 upid, u32 ustatus, u32 options, u32 urusage)
{
	int pid = (int)upid;

	if (options & ~(WNOHANG | WUNTRACED | 0x8u | 0x40000000u | 0x80000000u))
		return -EINVAL;
	for (;;) {
		int have = 0;

		for (struct proc *p = proc_next(NULL); p; p = proc_next(p)) {
			int status, found;

			if (p->parent != current)
				continue;
			if (pid > 0 ? p->pid != pid : pid == 0 ? p->pgid != current->pgid
			    : pid < -1 ? p->pgid != -pid : 0)
				continue;
			have = 1;
			if (p->state == PROC_ZOMBIE) {
				status = p->exit_status;
			} else if (p->state == PROC_STOPPED && (options & WUNTRACED) &&
				   !p->stop_reported) {
				p->stop_reported = 1;
				status = p->stop_sig << 8 | 0x7F;
			} else {
				continue;
			}
			found = p->pid;
			if (ustatus && copy_to_user(ustatus, &status, 4) < 0)
				return -EFAULT;
			if (urusage) {
				struct rusage_k ru = { 0 };

				ru.utime[1] = p->utime * 10000;
				ru.stime[1] = p->stime * 10000;
				ru.utime[0] = ru.utime[1] / 1000000;
				ru.utime[1] %= 1000000;
				ru.stime[0] = ru.stime[1] / 1000000;
				ru.stime[1] %= 1000000;
				if (copy_to_user(urusage, &ru, sizeof(ru)) < 0)
					return -EFAULT;
			}
			if (p->state == PROC_ZOMBIE) {
				current->cutime += p->utime + p->cutime;
				current->cstime += p->stime + p->cstime;
				p->state = PROC_FREE;
			}
			return found;
		}
		if (!have)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (sleep_on(current) < 0)
			return -EINTR;
	}
}

long sys_waitpid(u32 pid, u32 status, u32 options)
{
	return sys_wait4(pid, status, options, 0);
}

long sys_getpgid(u32 pid)
{
	struct proc *p = pid ? proc_by_pid((int)pid) : current;

	return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

long sys_getsid(u32 pid)
{
	struct proc *p = pid ? proc_by_pid((int)pid) : current;

	return p ? p->sid : -ESRCH;
}

long sys_setpgid(u32 upid, u32 upgid)
{
	struct proc *p = upid ? proc_by_pid((int)upid) : current;
	int pgid = upgid ? (int)upgid : (p ? p->pid : 0);

	if ((int)upgid < 0)
		return -EINVAL;
	if (!p || (p != current && p->parent != current))
		return -ESRCH;
	if (p->sid != current->sid || p->pid == p->sid)
		return -EPERM;
	/* The group must exist in the session, unless it is p's own new one. */
	if (pgid != p->pid) {
		struct proc *q;

		for (q = proc_next(NULL); q; q = proc_next(q))
			if (q->pgid == pgid && q->sid == current->sid)
				break;
		if (!q)
			return -EPERM;
	}
	p->pgid = pgid;
	return 0;
}

long sys_setsid(void)
{
	for (struct proc *q = proc_next(NULL); q; q = proc_next(q))
		if (q->pgid == current->pid)
			return -EPERM;	/* it leads a group already */
	current->sid = current->pgid = current->pid;
	return current->sid;
}

/* glibc's thread pointer: a data segment in one of the three TLS slots. */
struct user_desc {
	u32 entry_number, base_addr, limit, flags;
};

long sys_set_thread_area(u32 uptr)
{
	struct user_desc d;
	u32 slot;

	if (copy_from_user(&d, uptr, sizeof(d)) < 0)
		return -EFAULT;
	if (d.entry_number == 0xFFFFFFFFu)
		d.entry_number = GDT_ENTRY_TLS_MIN;
	if (d.entry_number < GDT_ENTRY_TLS_MIN || d.entry_number > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	slot = d.entry_number - GDT_ENTRY_TLS_MIN;
	/* 32-bit, data, writable, at ring 3; limit in pages if asked. */
	current->tls[slot] = seg_desc(d.base_addr, d.limit, ACC_DATA_DPL3, (d.flags >> 4) & 1);
	proc_load_tls(current);
	return copy_to_user(uptr, &d.entry_number, 4);
}
