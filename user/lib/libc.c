/* The test programs' C library (user.h). */
#include "user.h"

void exit(int status)
{
	for (;;)
		syscall3(SYS_exit_group, status, 0, 0);
}

long read(int fd, void *buf, u32 len) { return syscall3(SYS_read, fd, (long)buf, len); }
long write(int fd, const void *buf, u32 len) { return syscall3(SYS_write, fd, (long)buf, len); }
long getpid(void) { return syscall3(SYS_getpid, 0, 0, 0); }
long brk(void *addr) { return syscall3(SYS_brk, (long)addr, 0, 0); }
long munmap(void *addr, u32 len) { return syscall3(SYS_munmap, (long)addr, len, 0); }
long sched_yield(void) { return syscall3(SYS_sched_yield, 0, 0, 0); }

void *mmap_anon(u32 len)
{
	/* PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, no file. */
	return (void *)syscall6(SYS_mmap2, 0, len, 3, 0x22, -1, 0);
}

u32 strlen(const char *s)
{
	u32 n = 0;

	while (s[n])
		n++;
	return n;
}

struct k_sigaction {
	void *handler;
	u32 flags;
	void (*restorer)(void);
	u64 mask;
};

/* What glibc's restorers are: back into the kernel by the right door. */
void restore(void);
void restore_rt(void);
asm(".text\nrestore:\n popl %eax\n movl $119, %eax\n int $0x80\n"
    "restore_rt:\n movl $173, %eax\n int $0x80\n");

long sigaction(int sig, void *handler, u32 flags)
{
	struct k_sigaction a = { handler, flags | SA_RESTORER,
				 flags & SA_SIGINFO ? restore_rt : restore, 0 };

	return syscall6(SYS_rt_sigaction, sig, (long)&a, 0, 8, 0, 0);
}

void print(const char *s)
{
	write(1, s, strlen(s));
}

void line_add(struct line *l, const char *s)
{
	while (*s && l->len < sizeof(l->buf))
		l->buf[l->len++] = *s++;
}

void line_num(struct line *l, u64 n)
{
	char buf[24], *p = buf + sizeof(buf);

	*--p = '\0';
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	line_add(l, p);
}

void line_write(struct line *l)
{
	write(1, l->buf, l->len);
	l->len = 0;
}

void say(const char *what, long n)
{
	struct line l = { .len = 0 };

	line_add(&l, what);
	line_add(&l, " ");
	if (n < 0) {
		line_add(&l, "-");
		n = -n;
	}
	line_num(&l, (u64)n);
	line_add(&l, "\n");
	line_write(&l);
}

void print_num(const char *label, u64 n)
{
	struct line l = { .len = 0 };

	line_add(&l, label);
	line_num(&l, n);
	line_write(&l);
}

int main(int argc, char **argv);
void start_c(u32 *sp) __attribute__((noreturn));
void start_c(u32 *sp)
{
	exit(main((int)sp[0], (char **)(sp + 1)));
}

/* The process starts here with %esp at argc, as Linux leaves it. */
asm(".text\n.globl _start\n_start:\n"
    "	xorl %ebp, %ebp\n"
    "	movl %esp, %eax\n"
    "	andl $-16, %esp\n"
    "	pushl %eax\n"
    "	call start_c\n");
