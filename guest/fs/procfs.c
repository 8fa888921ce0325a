/*
 * /proc (procfs.h): a file system generated from the process table.
 *
 * It lives in the VFS's one tree model: a directory is a list of names.
 * Before the walk looks a name up here (or getdents64 lists a directory)
 * refresh brings the list up to date: a directory per live process, "self"
 * pointing at the reader, each process's exe, cwd and fd/ links.  A link
 * whose text has not changed is left alone, so a walk that is following
 * one never sees it freed.  Files are generated when a read starts at
 * offset 0, from the process the inode names (fs_pid): one that has gone
 * reads as ESRCH, and its directory is emptied, as Linux's are.
 */
#include "boot/guest.h"
#include "fs/fs.h"
#include "fs/procfs.h"
#include "fs/procfs_show.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "format.h"
#include "kstring.h"

/* One name in /proc or in a process's directory.  A file has show (the
 * whole text) or is a window on the process's memory (cmdline, environ);
 * a link's text is made at refresh. */
struct entry {
	const char *name;
	u32 mode;
	long (*show)(struct proc *p, struct text *t);
	int memory;		/* 1: argv's strings, 2: envp's */
};

/* ---- the files' text ---- */

static long show_meminfo_file(struct proc *p, struct text *t)
{
	show_meminfo(t, boot_info->mem_size / 1024, frames_available() * (PAGE_SIZE / 1024));
	return 0;
}

/* Ticks all processes have run: what was not idle. */
static u32 busy_ticks(u32 *user, u32 *system)
{
	*user = *system = 0;
	for (struct proc *q = proc_next(NULL); q; q = proc_next(q)) {
		*user += q->utime + q->cutime;
		*system += q->stime + q->cstime;
	}
	return *user + *system;
}

static long show_uptime_file(struct proc *p, struct text *t)
{
	u32 user, system;
	u64 up = clock_ns(), busy = (u64)busy_ticks(&user, &system) * 10000000;

	show_uptime(t, up, busy < up ? up - busy : 0);
	return 0;
}

static long show_loadavg_file(struct proc *p, struct text *t)
{
	int running = 0, total = 0, last = 0;

	for (struct proc *q = proc_next(NULL); q; q = proc_next(q)) {
		total++;
		running += q->state == PROC_RUNNABLE;
		if (q->pid > last)
			last = q->pid;
	}
	show_loadavg(t, running, total, last);
	return 0;
}

static long show_stat_file(struct proc *p, struct text *t)
{
	u32 user, system, busy = busy_ticks(&user, &system), up = (u32)(clock_ns() / 10000000);
	int running = 0, total = 0;

	for (struct proc *q = proc_next(NULL); q; q = proc_next(q)) {
		total++;
		running += q->state == PROC_RUNNABLE;
	}
	show_cpu_stat(t, user, system, busy < up ? up - busy : 0, total, running);
	return 0;
}

static long show_version(struct proc *p, struct text *t)
{
	text_add(t, "Linux version 6.1.0-lguest (lguest) #1 SMP lguest\n");
	return 0;
}

static long show_cpuinfo(struct proc *p, struct text *t)
{
	text_add(t, "processor\t: 0\nvendor_id\t: lguest\nmodel name\t: lguest virtual CPU\n"
		 "fpu\t\t: yes\nflags\t\t: fpu tsc cx8 cmov fxsr sse sse2\n\n");
	return 0;
}

static long show_filesystems(struct proc *p, struct text *t)
{
	text_add(t, "nodev\trootfs\nnodev\ttmpfs\nnodev\tdevtmpfs\nnodev\tproc\n");
	return 0;
}

/* fs/proc_namespace.c show_vfsmnt: source, mount point, type, options,
 * and the two zeros of fstab's dump and pass. */
static long show_mounts(struct proc *p, struct text *t)
{
	char *path = kmalloc(PATH_MAX);

	if (!path)
		return -ENOMEM;
	for (struct superblock *sb = mounts; sb; sb = sb->next)
		if (vfs_path_of(sb->root, path, PATH_MAX) > 0)
			text_add(t, "%s %s %s rw 0 0\n", sb->source, path, sb->type);
	kfree(path);
	return 0;
}

/* What stat and status tell, from p's table entry and address space. */
static void proc_info_of(struct proc *p, struct proc_info *pi)
{
	static const char states[] = {
		[PROC_RUNNABLE] = 'R', [PROC_SLEEPING] = 'S', [PROC_STOPPED] = 'T',
		[PROC_ZOMBIE] = 'Z',
	};
	struct vm *vm = p->state == PROC_ZOMBIE ? NULL : p->vm;

	memset(pi, 0, sizeof(*pi));
	pi->pid = p->pid;
	pi->ppid = p->parent ? p->parent->pid : 0;
	pi->pgid = p->pgid;
	pi->sid = p->sid;
	memcpy(pi->comm, p->comm, sizeof(pi->comm));
	pi->state = states[p->state];
	pi->sleeping = p->state == PROC_SLEEPING;
	pi->utime = p->utime;
	pi->stime = p->stime;
	pi->cutime = p->cutime;
	pi->cstime = p->cstime;
	pi->sig_pending = p->sig_pending;
	pi->sig_blocked = p->sig_blocked;
	for (int s = 0; s < NSIG; s++) {
		if (p->actions[s].handler == SIG_IGN_HANDLER)
			pi->sig_ignored |= 1ull << s;
		else if (p->actions[s].handler != SIG_DFL_HANDLER)
			pi->sig_caught |= 1ull << s;
	}
	pi->umask = p->umask;
	pi->fds = MAX_FDS;
	pi->exit_code = p->state == PROC_ZOMBIE ? p->exit_status : 0;
	if (!vm)
		return;
	pi->has_mm = 1;
	for (unsigned n = 0; n < vm->nr_vmas; n++) {
		struct vma *v = &vm->vmas[n];
		u32 kb = (v->end - v->start) / 1024;

		pi->vsize += v->end - v->start;
		for (u32 va = v->start; va < v->end; va += PAGE_SIZE) {
			u32 *pte = mm_pte(&vm->mm, va);

			pi->rss_pages += pte && (*pte & PTE_PRESENT);
		}
		if (v->end == STACK_TOP) {
			pi->stack_kb += kb;
		} else if (v->prot & PROT_EXEC) {
			pi->exe_kb += kb;
			if (!pi->start_code) {
				pi->start_code = v->start;
				pi->end_code = v->file ? v->file_end : v->end;
			}
		} else if (v->prot & PROT_WRITE) {
			pi->data_kb += kb;
			if (v->file && !pi->start_data) {
				pi->start_data = v->start;
				pi->end_data = v->file_end;
			}
		}
	}
	pi->start_brk = vm->brk_start;
	pi->arg_start = vm->arg_start;
	pi->arg_end = vm->arg_end;
	pi->env_start = vm->env_start;
	pi->env_end = vm->env_end;
}

static long show_pid_stat(struct proc *p, struct text *t)
{
	struct proc_info pi;

	proc_info_of(p, &pi);
	show_stat(t, &pi);
	return 0;
}

static long show_pid_status(struct proc *p, struct text *t)
{
	struct proc_info pi;

	proc_info_of(p, &pi);
	show_status(t, &pi);
	return 0;
}

static long show_comm(struct proc *p, struct text *t)
{
	text_add(t, "%s\n", p->comm);
	return 0;
}

/* fs/proc/task_mmu.c show_map: the name starts in column 49 on i386. */
static long show_maps(struct proc *p, struct text *t)
{
	struct vm *vm = p->state == PROC_ZOMBIE ? NULL : p->vm;
	char *name = kmalloc(PATH_MAX);

	if (!name)
		return -ENOMEM;
	for (unsigned n = 0; vm && n < vm->nr_vmas; n++) {
		struct vma *v = &vm->vmas[n];
		u32 start = t->len;

		text_add(t, "%08x-%08x %c%c%cp %08x 00:00 %u", v->start, v->end,
			 v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
			 v->prot & PROT_EXEC ? 'x' : '-', v->file ? v->offset : 0,
			 v->file && v->file->inode ? v->file->inode->ino : 0);
		name[0] = 0;
		if (v->file && v->file->inode)
			vfs_name_of(v->file->inode, name, PATH_MAX);
		else if (v->end == STACK_TOP)
			memcpy(name, "[stack]", 8);
		if (name[0]) {
			while (t->len - start < 48)
				text_add(t, " ");
			text_add(t, " %s", name);
		}
		text_add(t, "\n");
	}
	kfree(name);
	return 0;
}

static const struct entry top_entries[] = {
	{ "meminfo", S_IFREG | 0444, show_meminfo_file, 0 },
	{ "uptime", S_IFREG | 0444, show_uptime_file, 0 },
	{ "loadavg", S_IFREG | 0444, show_loadavg_file, 0 },
	{ "stat", S_IFREG | 0444, show_stat_file, 0 },
	{ "version", S_IFREG | 0444, show_version, 0 },
	{ "cpuinfo", S_IFREG | 0444, show_cpuinfo, 0 },
	{ "filesystems", S_IFREG | 0444, show_filesystems, 0 },
};

static const struct entry pid_entries[] = {
	{ "stat", S_IFREG | 0444, show_pid_stat, 0 },
	{ "status", S_IFREG | 0444, show_pid_status, 0 },
	{ "comm", S_IFREG | 0644, show_comm, 0 },
	{ "maps", S_IFREG | 0444, show_maps, 0 },
	{ "mounts", S_IFREG | 0444, show_mounts, 0 },
	{ "cmdline", S_IFREG | 0444, NULL, 1 },
	{ "environ", S_IFREG | 0400, NULL, 2 },
};

/* The directories, told apart by their fs_entry. */
static const struct entry pid_dir = { "PID", S_IFDIR | 0555, NULL, 0 };
static const struct entry fd_dir = { "fd", S_IFDIR | 0500, NULL, 0 };

/* ---- the tree ---- */

static struct inode *add(struct inode *dir, const char *name, const struct entry *e, int pid)
{
	struct inode *i = inode_new(dir->sb, e->mode);

	if (!i)
		return NULL;
	i->fs_entry = e;
	i->fs_pid = pid;
	if (dir_link(dir, name, (u32)strlen(name), i) < 0) {
		inode_maybe_free(i);
		return NULL;
	}
	return i;
}

/* Name in dir is a symlink to text (a missing one is made); NULL text:
 * there is no such name.  Unchanged text leaves the link alone. */
static void set_link(struct inode *dir, const char *name, const char *text)
{
	u32 len = (u32)strlen(name), n;
	struct inode *i = dir_lookup(dir, name, len);
	char *copy;

	if (!text) {
		if (i)
			dir_unlink(dir, name, len);
		return;
	}
	if (i && !strcmp(i->link, text))
		return;
	n = (u32)strlen(text);
	if (!(copy = kmalloc(n + 1)))
		return;
	memcpy(copy, text, n + 1);
	if (!i) {
		if (!(i = inode_new(dir->sb, S_IFLNK | 0777)) || dir_link(dir, name, len, i) < 0) {
			if (i)
				inode_maybe_free(i);
			kfree(copy);
			return;
		}
	}
	kfree(i->link);
	i->link = copy;
	i->size = n;
}

/* Everything under dir goes (a process's directory once it is gone). */
static void empty(struct inode *dir)
{
	while (dir->entries) {
		struct dirent_k *d = dir->entries;

		if (S_ISDIR(d->inode->mode))
			empty(d->inode);
		dir_unlink(dir, d->name, d->len);
	}
}

/* The process a directory of it stands for, or NULL once it is gone. */
static struct proc *proc_of(struct inode *dir)
{
	return dir->nlink ? proc_by_pid(dir->fs_pid) : NULL;
}

static void make_pid_dir(struct inode *root, struct proc *p)
{
	char name[12];
	struct inode *dir;

	format(name, sizeof(name), "%d", p->pid);
	if (!(dir = add(root, name, &pid_dir, p->pid)))
		return;
	for (unsigned n = 0; n < sizeof(pid_entries) / sizeof(pid_entries[0]); n++)
		add(dir, pid_entries[n].name, &pid_entries[n], p->pid);
	add(dir, "fd", &fd_dir, p->pid);
}

static void refresh_root(struct inode *root)
{
	char self[12];
	struct dirent_k *d;

	format(self, sizeof(self), "%d", current->pid);
	set_link(root, "self", current->pid ? self : NULL);
	/* Gone processes' directories first (the list changes: start over
	 * after each), then one for each process that has none. */
	do {
		for (d = root->entries; d; d = d->next) {
			if (d->inode->fs_entry == &pid_dir && !proc_by_pid(d->inode->fs_pid)) {
				empty(d->inode);
				dir_unlink(root, d->name, d->len);
				break;
			}
		}
	} while (d);
	for (struct proc *p = proc_next(NULL); p; p = proc_next(p)) {
		char name[12];

		format(name, sizeof(name), "%d", p->pid);
		if (p->pid && !dir_lookup(root, name, (u32)strlen(name)))
			make_pid_dir(root, p);
	}
}

static void refresh_pid_dir(struct inode *dir)
{
	struct proc *p = proc_of(dir);
	char *path;

	if (!p) {
		empty(dir);
		return;
	}
	if (p->state == PROC_ZOMBIE) {
		/* Linux: the links of a zombie lead nowhere. */
		set_link(dir, "exe", NULL);
		set_link(dir, "cwd", NULL);
		return;
	}
	set_link(dir, "exe", p->exe ? p->exe->path : NULL);
	if ((path = kmalloc(PATH_MAX))) {
		struct inode *cwd = p->cwd ? p->cwd : vfs_root_inode();

		set_link(dir, "cwd", vfs_path_of(cwd, path, PATH_MAX) > 0 ? path : NULL);
		kfree(path);
	}
}

/* What an open file's link says: its path, or what Linux calls the
 * nameless kinds. */
static void fd_text(struct file *f, char *buf, u32 size)
{
	if (!f->inode)
		format(buf, size, "pipe:[%u]", (u32)f->priv >> 4);
	else if (vfs_name_of(f->inode, buf, size) < 0)
		format(buf, size, "anon_inode:[%u]", f->inode->ino);
}

static void refresh_fd_dir(struct inode *dir)
{
	struct proc *p = proc_of(dir->parent);
	struct dirent_k *d;
	char *path;

	if (!p || p->state == PROC_ZOMBIE || !(path = kmalloc(PATH_MAX))) {
		empty(dir);
		return;
	}
	/* Closed descriptors' links go; then each open one's is made. */
	do {
		for (d = dir->entries; d; d = d->next) {
			u32 fd = 0;

			for (u32 k = 0; k < d->len; k++)
				fd = fd * 10 + (u32)(d->name[k] - '0');
			if (!fd_file(p, (int)fd)) {
				dir_unlink(dir, d->name, d->len);
				break;
			}
		}
	} while (d);
	for (int fd = 0; fd < MAX_FDS; fd++) {
		struct file *f = fd_file(p, fd);
		char name[12];

		if (!f)
			continue;
		format(name, sizeof(name), "%d", fd);
		fd_text(f, path, PATH_MAX);
		set_link(dir, name, path);
	}
	kfree(path);
}

static void procfs_refresh(struct inode *dir)
{
	if (dir == dir->sb->root)
		refresh_root(dir);
	else if (dir->fs_entry == &pid_dir)
		refresh_pid_dir(dir);
	else if (dir->fs_entry == &fd_dir)
		refresh_fd_dir(dir);
}

/* ---- open files ---- */

/* The text, made when a read starts at offset 0. */
struct generated {
	u32 len;
	char text[KMALLOC_MAX - sizeof(u32)];
};

/* The process an inode's file tells of: NULL at the top, -ESRCH once it
 * has gone. */
static long file_proc(struct inode *i, struct proc **out)
{
	*out = NULL;
	if (i->fs_pid && !(*out = proc_by_pid(i->fs_pid)))
		return -ESRCH;
	return 0;
}

/* cmdline and environ: straight from the process's memory, through its
 * own page tables. */
static long read_memory(struct file *f, struct proc *p, int which, void *buf, u32 n)
{
	struct vm *vm = p->state == PROC_ZOMBIE ? NULL : p->vm;
	u32 start, end;
	long err;

	if (!vm)
		return 0;		/* a zombie's command line is empty */
	start = which == 1 ? vm->arg_start : vm->env_start;
	end = which == 1 ? vm->arg_end : vm->env_end;
	if (f->pos >= end - start)
		return 0;
	if (n > end - start - f->pos)
		n = (u32)(end - start - f->pos);
	if ((err = vm_read(vm, start + (u32)f->pos, buf, n)) < 0)
		return err;
	f->pos += n;
	return (long)n;
}

static long procfs_read(struct file *f, void *buf, u32 n)
{
	const struct entry *e = f->inode->fs_entry;
	struct generated *g = f->priv;
	struct proc *p;
	long err;

	if ((err = file_proc(f->inode, &p)) < 0)
		return err;
	if (e->memory)
		return read_memory(f, p, e->memory, buf, n);
	if (f->pos == 0 || !g) {
		struct text t;

		if (!g && !(g = f->priv = kmalloc(sizeof(*g))))
			return -ENOMEM;
		t = (struct text){ g->text, sizeof(g->text), 0 };
		g->len = 0;
		if ((err = e->show(p, &t)) < 0)
			return err;
		g->len = t.len;
	}
	if (f->pos >= g->len)
		return 0;
	if (n > g->len - f->pos)
		n = (u32)(g->len - f->pos);
	memcpy(buf, g->text + f->pos, n);
	f->pos += n;
	return (long)n;
}

static void procfs_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_ops procfs_file_ops = {
	.read = procfs_read,
	.release = procfs_release,
};

static long procfs_open(struct inode *i, u32 flags, struct file **out)
{
	struct file *f;

	if ((flags & O_ACCMODE) != O_RDONLY)
		return -EACCES;
	if (!(f = file_alloc(&procfs_file_ops, flags, NULL)))
		return -ENOMEM;
	f->inode = inode_get(i);
	*out = f;
	return 0;
}

static const struct fs_ops procfs_ops = {
	.refresh = procfs_refresh,
	.open = procfs_open,
};

struct superblock *procfs_new(void)
{
	struct superblock *sb = ramfs_new("proc", "proc", 0);

	if (!sb)
		return NULL;
	sb->ops = &procfs_ops;
	sb->root->mode = S_IFDIR | 0555;
	for (unsigned n = 0; n < sizeof(top_entries) / sizeof(top_entries[0]); n++)
		add(sb->root, top_entries[n].name, &top_entries[n], 0);
	set_link(sb->root, "mounts", "self/mounts");
	return sb;
}
