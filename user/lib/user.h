/*
 * The test programs' C library: Linux i386 system calls by "int $0x80",
 * and the few helpers the programs need.  The programs are ordinary static
 * Linux i386 executables: they would run on Linux too.
 */
#ifndef USER_H
#define USER_H

typedef unsigned int u32;
typedef unsigned long long u64;

#define SYS_exit	1
#define SYS_read	3
#define SYS_write	4
#define SYS_getpid	20
#define SYS_brk		45
#define SYS_munmap	91
#define SYS_sched_yield	158
#define SYS_mmap2	192
#define SYS_set_thread_area 243
#define SYS_exit_group	252
#define SYS_fork	2
#define SYS_execve	11
#define SYS_pause	29
#define SYS_alarm	27
#define SYS_kill	37
#define SYS_getppid	64
#define SYS_setsid	66
#define SYS_wait4	114
#define SYS_sigreturn	119
#define SYS_clone	120
#define SYS_uname	122
#define SYS_mprotect	125
#define SYS_nanosleep	162
#define SYS_rt_sigreturn 173
#define SYS_rt_sigaction 174
#define SYS_rt_sigprocmask 175
#define SYS_rt_sigsuspend 179
#define SYS_vfork	190
#define SYS_clock_gettime 265
#define SYS_clock_gettime64 403

static inline long syscall3(long n, long a, long b, long c)
{
	long r;

	asm volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

static inline long syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	long nf[2] = { n, f }, r;

	/* %ebp is the sixth argument: save it around the call.  The number
	 * and the sixth come through memory that %eax points at, since a
	 * memory operand may be %esp-relative, and the push moves %esp. */
	asm volatile("pushl %%ebp; movl 4(%%eax), %%ebp; movl (%%eax), %%eax; int $0x80; popl %%ebp"
		     : "=a"(r) : "a"(nf), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
		     : "memory");
	return r;
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* Signals, by Linux i386's numbers and sigaction flags. */
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_RESTART	0x10000000
#define SA_RESETHAND	0x80000000

/* handler for sig (rt_sigaction), returning the way glibc's restorers do:
 * through sigreturn, or rt_sigreturn for an SA_SIGINFO handler. */
long sigaction(int sig, void *handler, u32 flags);

void exit(int status) __attribute__((noreturn));
long read(int fd, void *buf, u32 len);
long write(int fd, const void *buf, u32 len);
long getpid(void);
long brk(void *addr);
void *mmap_anon(u32 len);
long munmap(void *addr, u32 len);
long sched_yield(void);
u32 strlen(const char *s);
void print(const char *s);
void print_num(const char *label, u64 n);

/* A line built in pieces and written at once, so that a process switch
 * cannot split it between two programs' output. */
struct line {
	char buf[160];
	u32 len;
};
void line_add(struct line *l, const char *s);
void line_num(struct line *l, u64 n);
void line_write(struct line *l);
/* "what n\n", n signed: the test programs' one line of output. */
void say(const char *what, long n);

#endif
