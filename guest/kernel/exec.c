/*
 * Loading a program, as Linux's execve does for a static i386 ELF
 * executable or a #! script: its segments become areas of a fresh address
 * space, read from the file at first touch; the stack is laid out as
 * Linux lays it out (argc, argv, envp, the auxiliary vector, and the
 * strings above them); only then, past the last thing that can fail, is
 * the old program gone.
 */
#include "boot/guest.h"
#include "drivers/console.h"
#include "fs/fs.h"
#include "kernel/errno.h"
#include "kernel/exec_args.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kstring.h"
#include "mm/kmalloc.h"

#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PF_X		1
#define PF_W		2
#define PF_R		4
#define ET_EXEC		2
#define ET_DYN		3
#define EM_386		3
/* Pages of a read-only segment exec maps before the program runs. */
#define TEXT_PREMAP_PAGES 1024
/* Where a static position-independent program goes, as on Linux. */
#define PIE_BASE	0x56555000u

#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_EXECFN	31

struct ehdr {
	u8 ident[16];
	u16 type, machine;
	u32 version, entry, phoff, shoff, flags;
	u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
	u32 type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* What the auxiliary vector tells a program about itself. */
struct image {
	u32 entry, phdr, phnum, end;
};

static u32 page_up(u32 a)
{
	return (a + PAGE_SIZE - 1) & PAGE_MASK;
}

static u32 elf_prot(u32 flags)
{
	return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
	       (flags & PF_X ? PROT_EXEC : 0);
}

/* The header of an i386 executable we can run: static, little-endian,
 * 32-bit; -ENOEXEC for anything else (another machine's; one that asks
 * for a dynamic loader fails later: see interp_error). */
static long check_header(const struct ehdr *h, u32 n)
{
	if (n < sizeof(*h) || memcmp(h->ident, "\177ELF", 4) || h->ident[4] != 1 ||
	    h->ident[5] != 1 || h->machine != EM_386 ||
	    (h->type != ET_EXEC && h->type != ET_DYN) ||
	    h->phentsize != sizeof(struct phdr) || !h->phnum ||
	    h->phnum > PAGE_SIZE / sizeof(struct phdr))
		return -ENOEXEC;
	return 0;
}

/* One PT_LOAD segment: its file part an area backed by the file, the rest
 * (bss) zeroed memory. */
static long map_segment(struct vm *vm, const struct phdr *ph, u32 bias, struct file *file)
{
	u32 va = ph->vaddr + bias, start = va & PAGE_MASK;
	u32 file_end = va + ph->filesz, mem_end = va + ph->memsz;
	u32 prot = elf_prot(ph->flags);
	long r = 0;

	if (ph->memsz < ph->filesz || mem_end < va || mem_end > STACK_TOP - STACK_MAX ||
	    va < PAGE_SIZE || (ph->offset & ~PAGE_MASK) != (va & ~PAGE_MASK))
		return -ENOEXEC;
	if (ph->filesz)
		r = vma_map(vm, start, page_up(file_end), prot, file,
			    ph->offset - (va - start), file_end);
	/* Its pages mapped now, while the address space is not live and an
	 * entry is a plain store, rather than by the program's faults: on
	 * the Host each fault is two world switches, and a run of busybox
	 * touches its text all over (true: some 20 places).  Text and
	 * read-only data whole (up to 4 MiB), as the file's own pages; of
	 * writable data, which is copied, the first pages. */
	if (!r && ph->filesz && !(prot & PROT_WRITE))
		vm_map_file_pages(vm, va, TEXT_PREMAP_PAGES);
	else if (!r && ph->filesz)
		vm_fault(vm, va, 1);
	/* The rest: from the page after the file's part (or, with no file
	 * part, from the segment's first page). */
	start = ph->filesz ? page_up(file_end) : start;
	if (!r && page_up(mem_end) > start)
		r = vma_map(vm, start, page_up(mem_end), prot, NULL, 0, 0);
	return r;
}

/* A dynamically linked program names its loader (PT_INTERP).  No loader
 * runs here, so its exec fails, with Linux's errno where Linux fails too:
 * the loader's open error (ENOENT when it is not there: the shell says
 * "not found"); ENOEXEC for a bad name, or a loader that is there. */
static long interp_error(struct file *file, const struct phdr *ph)
{
	char path[256];
	struct file *interp;
	long r;

	if (ph->filesz < 2 || ph->filesz > sizeof(path) ||
	    kernel_read(file, path, ph->filesz, ph->offset) != (long)ph->filesz ||
	    path[ph->filesz - 1])
		return -ENOEXEC;
	if ((r = vfs_open(path, O_RDONLY, 0, &interp)) < 0)
		return r;
	file_put(interp);
	return -ENOEXEC;
}

/* The program's segments into vm from the open file (h read already). */
static long load_elf(struct vm *vm, struct file *file, const struct ehdr *h, struct image *img)
{
	u32 bias = h->type == ET_DYN ? PIE_BASE : 0, size = h->phnum * sizeof(struct phdr);
	struct phdr *ph = kmalloc(size);
	long r = 0;

	if (!ph)
		return -ENOMEM;
	if (kernel_read(file, ph, size, h->phoff) != (long)size)
		r = -ENOEXEC;
	*img = (struct image){ h->entry + bias, 0, h->phnum, 0 };
	for (u32 i = 0; i < h->phnum && !r; i++) {
		if (ph[i].type == PT_INTERP)
			r = interp_error(file, &ph[i]);
		else if (ph[i].type == PT_PHDR)
			img->phdr = ph[i].vaddr + bias;
	}
	for (u32 i = 0; i < h->phnum && !r; i++) {
		if (ph[i].type != PT_LOAD || !ph[i].memsz)
			continue;
		r = map_segment(vm, &ph[i], bias, file);
		if (!img->phdr && ph[i].offset == 0)
			img->phdr = ph[i].vaddr + bias + h->phoff;
		if (ph[i].vaddr + bias + ph[i].memsz > img->end)
			img->end = ph[i].vaddr + bias + ph[i].memsz;
	}
	kfree(ph);
	if (!r && !img->end)
		r = -ENOEXEC;
	if (!r)
		vm_fault(vm, img->entry, 0);	/* where it starts, likewise */
	return r;
}

/* The stack builder's cursor: words and strings written upwards into the
 * new address space, never at or past end; the first failure is kept. */
struct cursor {
	struct vm *vm;
	u32 at, end;
	long err;
};

static u32 put(struct cursor *c, const void *src, u32 len)
{
	u32 va = c->at;

	if (!c->err && len > c->end - c->at)
		c->err = -E2BIG;	/* the caller's memory changed since it was measured */
	if (!c->err)
		c->err = vm_write(c->vm, va, src, len);
	c->at += len;
	return va;
}

static void put_word(struct cursor *c, u32 w)
{
	put(c, &w, 4);
}

/* v's strings at strings' cursor, a pointer to each at words'; each ends
 * in the NUL we write, whatever the caller's memory holds by now. */
static void put_strings(struct cursor *words, struct cursor *strings, const struct strv *v)
{
	const char *s;
	u32 len;
	long r;

	for (u32 i = 0; i < v->n && !words->err && !strings->err; i++) {
		if ((r = strv_get(v, i, &s, &len)) < 0) {
			strings->err = r;
			return;
		}
		put_word(words, put(strings, s, len - 1));
		put(strings, "", 1);
	}
	put_word(words, 0);
}

/* The stack a new program starts on, as Linux builds it (fs/binfmt_elf.c
 * create_elf_tables): at the top the strings (argv's, envp's, "i686", the
 * program's path) and 16 random bytes; below, 16-byte aligned at argc:
 * argc, argv[], NULL, envp[], NULL, the auxiliary vector.  The lists are
 * measured (strv_measure): strings_len bytes. */
static long build_stack(struct vm *vm, const struct strv *argv, const struct strv *envp,
			u32 strings_len, const char *execfn, const struct image *img, u32 *sp_out)
{
	static u32 seed = 0x9E3779B9u;
	u32 random[4], str_base, rand_va, fn_va, plat_va, sp, nwords;
	struct cursor strings, words;

	strings_len += strlen(execfn) + 1 + 5;
	if (vma_map(vm, STACK_TOP - STACK_MAX, STACK_TOP, PROT_READ | PROT_WRITE, NULL, 0, 0) < 0)
		return -ENOMEM;
	str_base = (STACK_TOP - 4 - strings_len) & ~3u;
	rand_va = (str_base - 16) & ~15u;
	nwords = 1 + argv->n + 1 + envp->n + 1 + 2 * 18;
	sp = (rand_va - nwords * 4) & ~15u;

	strings = (struct cursor){ vm, str_base, str_base + strings_len, 0 };
	words = (struct cursor){ vm, sp, rand_va, 0 };
	put_word(&words, argv->n);
	vm->arg_start = strings.at;
	put_strings(&words, &strings, argv);
	vm->arg_end = vm->env_start = strings.at;
	put_strings(&words, &strings, envp);
	vm->env_end = strings.at;
	plat_va = put(&strings, "i686", 5);
	fn_va = put(&strings, execfn, strlen(execfn) + 1);
	for (int i = 0; i < 4; i++) {
		seed = seed * 1103515245u + 12345u + (u32)rdtsc();
		random[i] = seed;
	}
	strings.at = rand_va;
	strings.end = rand_va + 16;
	put(&strings, random, 16);
#define AUX(type, value) do { put_word(&words, type); put_word(&words, value); } while (0)
	AUX(AT_HWCAP, 0);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, img->phdr);
	AUX(AT_PHENT, sizeof(struct phdr));
	AUX(AT_PHNUM, img->phnum);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, img->entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, rand_va);
	AUX(AT_EXECFN, fn_va);
	AUX(AT_PLATFORM, plat_va);
	AUX(AT_NULL, 0);
#undef AUX
	if (strings.err || words.err)
		return strings.err ? strings.err : words.err;
	*sp_out = sp;
	return 0;
}

struct exe_path *exe_get(struct exe_path *e)
{
	e->refs++;
	return e;
}

void exe_put(struct exe_path *e)
{
	if (--e->refs == 0)
		kfree(e);
}

/* The canonical path of the program file at path, as /proc/PID/exe gives
 * it; NULL with *err. */
static struct exe_path *exe_of(const char *path, long *err)
{
	char *buf = kmalloc(PATH_MAX);
	struct exe_path *e = NULL;

	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	if ((*err = vfs_real_path(path, buf, PATH_MAX)) == 0) {
		u32 n = (u32)strlen(buf) + 1;

		if ((e = kmalloc(sizeof(*e) + n))) {
			e->refs = 1;
			memcpy(e->path, buf, n);
		} else {
			*err = -ENOMEM;
		}
	}
	kfree(buf);
	return e;
}

/* Past the point of no return: current becomes the new program. */
static void commit(struct vm *vm, const char *path, struct exe_path *exe,
		   const struct image *img, u32 sp, struct trap_frame *f)
{
	struct proc *p = current;
	struct vm *old = p->vm;

	if (p->exe)
		exe_put(p->exe);
	p->exe = exe;

	fd_close_on_exec(p);
	/* Handlers belong to the old program; what is ignored stays so. */
	for (int i = 0; i < NSIG; i++)
		if (p->actions[i].handler != SIG_IGN_HANDLER)
			p->actions[i] = (struct sigaction_k){ 0 };
	p->sig_altstack = p->sig_altsize = 0;
	p->clear_child_tid = 0;
	proc_set_comm(p, path);
	vm->brk_start = vm->brk = page_up(img->end);
	p->vm = vm;
	/* A process being born (proc_spawn, proc_start_init) is not running
	 * yet: its address space and TLS go live at its first switch, and
	 * loading them now would cost two world switches for nothing. */
	if (p->state == PROC_RUNNABLE)
		mm_switch(&vm->mm);
	if (p->vfork_parent) {
		wakeup(p->vfork_parent);
		p->vfork_parent = NULL;
	}
	if (old)
		proc_release_vm(p, old);
	memset(p->tls, 0, sizeof(p->tls));
	if (p->state == PROC_RUNNABLE)
		proc_load_tls(p);
	fpu_forget(p);
	proc_exec_frame(f, img->entry, sp);
}

/* "#!interpreter [one argument]" on the first line: Linux's argv for it is
 * interpreter, the argument if any, the script's path, then the old
 * argv[1...]. */
static long script_argv(char *line, u32 n, const char *path, struct strv *argv)
{
	char *interp, *arg = NULL, *e;

	line[n < 127 ? n : 127] = '\0';
	if ((e = strchr(line, '\n')))
		*e = '\0';
	else if (n >= 127)
		return -ENOEXEC;	/* the line is longer than we look */
	for (interp = line + 2; *interp == ' ' || *interp == '\t'; interp++)
		;
	if (!*interp)
		return -ENOEXEC;
	for (e = interp; *e && *e != ' ' && *e != '\t'; e++)
		;
	if (*e) {
		*e++ = '\0';
		while (*e == ' ' || *e == '\t')
			e++;
		if (*e) {
			arg = e;
			/* Trailing blanks are not part of it. */
			e += strlen(e);
			while (e > arg && (e[-1] == ' ' || e[-1] == '\t'))
				*--e = '\0';
		}
	}
	return strv_script(argv, interp, arg, path);
}

/* Only a regular file with an execute bit runs, as Linux has it for root
 * (which needs one bit, anyone's): otherwise EACCES, and a shell says 126
 * where a missing file is 127. */
static long may_exec(struct file *file)
{
	struct kstat st;
	long r = vfs_fstat(file, &st);

	if (r < 0)
		return r;
	if ((st.mode & 0170000) != 0100000 || !(st.mode & 0111))
		return -EACCES;
	return 0;
}

long exec_file(const char *path, struct strv *argv, struct strv *envp, struct trap_frame *f)
{
	/* The script lines, argv's strings in front: alive until the end. */
	char lines[4][128];
	const char *execfn = path;
	struct file *file = NULL;
	struct ehdr h;
	struct image img;
	struct vm *vm = NULL;
	struct exe_path *exe = NULL;
	long r, n;
	u32 sp = 0, strings_len;
	int depth;

	for (depth = 0;; depth++) {
		if ((r = vfs_open(path, O_RDONLY, 0, &file)) < 0 ||
		    (r = may_exec(file)) < 0)
			goto out;
		n = kernel_read(file, lines[depth < 4 ? depth : 3], 127, 0);
		if (n >= 2 && lines[depth < 4 ? depth : 3][0] == '#' &&
		    lines[depth < 4 ? depth : 3][1] == '!') {
			file_put(file);
			file = NULL;
			if (depth == 4) {
				r = -ELOOP;	/* scripts running scripts: Linux stops too */
				goto out;
			}
			if ((r = script_argv(lines[depth], (u32)n, path, argv)) < 0)
				goto out;
			path = argv->front[0];
			continue;
		}
		break;
	}
	/* Linux reads the lists before it looks at the program's format. */
	if ((r = strv_measure(argv, envp, (u32)strlen(execfn), &strings_len)) < 0)
		goto out;
	if (n < 0 || (r = kernel_read(file, &h, sizeof(h), 0)) < 0 ||
	    (r = check_header(&h, (u32)r)) < 0)
		goto out;
	if (!(vm = vm_create())) {
		r = -ENOMEM;
		goto out;
	}
	if ((r = load_elf(vm, file, &h, &img)) < 0 ||
	    (r = build_stack(vm, argv, envp, strings_len, execfn, &img, &sp)) < 0 ||
	    !(exe = exe_of(path, &r)))
		goto out;
	commit(vm, execfn, exe, &img, sp, f);
	vm = NULL;
	r = 0;
out:
	if (vm)
		vm_put(vm);
	if (file)
		file_put(file);
	return r;
}
