/*
 * fork's copies are private, as on Linux, though the kernel shares their
 * pages until one side writes: parent and child each see their own writes
 * and never the other's, wherever the page is (data, bss, an mmap, the
 * stack), whichever side writes first, when three share a page, when the
 * kernel is the writer (uname() into a page shared since the fork,
 * clone's CLONE_CHILD_SETTID), and across an mprotect.  Prints what it sees;
 * tests/boot/cow.sh compares that with the same program run on Linux.
 */
#include "lib/user.h"

#define WUNTRACED	2
#define CLONE_CHILD_SETTID 0x01000000
#define PROT_READ	1
#define PROT_WRITE	2
#define PAGES		64

static int data_word = 1;		/* in .data */
static char bss[2 * 4096];		/* in .bss */
static char *heap;			/* PAGES pages of an anonymous mmap */

static long fork_(void)
{
	return syscall3(SYS_fork, 0, 0, 0);
}

static long wait_for(long pid, long options)
{
	int status = -1;
	long r = syscall6(SYS_wait4, pid, (long)&status, options, 0, 0, 0);

	return r <= 0 ? r : status;
}

/* The child waits, stopped, for the parent to write first. */
static void stop_me(void)
{
	syscall3(SYS_kill, getpid(), SIGSTOP, 0);
}

/* The parent's side: the child has stopped; run it to its end. */
static long resume(long pid)
{
	syscall3(SYS_kill, pid, SIGCONT, 0);
	return wait_for(pid, 0);
}

/* Every page this program shares across the fork, set to v. */
static void set_all(volatile int *stack_word, int v)
{
	data_word = v;
	bss[0] = bss[4096] = (char)v;
	for (int i = 0; i < PAGES; i++)
		heap[i * 4096] = (char)(v + i);
	*stack_word = v;
}

/* How many of those pages hold v (PAGES + 4 when all do). */
static int count_all(volatile int *stack_word, int v)
{
	int n = (data_word == v) + (bss[0] == v) + (bss[4096] == v) + (*stack_word == v);

	for (int i = 0; i < PAGES; i++)
		n += heap[i * 4096] == (char)(v + i);
	return n;
}

int main(void)
{
	volatile int stack_word;
	long pid;

	heap = mmap_anon(PAGES * 4096);
	set_all(&stack_word, 1);

	/* The child writes first; the parent still sees its own. */
	if (!(pid = fork_())) {
		int before = count_all(&stack_word, 1);

		set_all(&stack_word, 2);
		exit(before == PAGES + 4 && count_all(&stack_word, 2) == PAGES + 4 ? 0 : 1);
	}
	say("child saw the parent's pages and its own writes: status", wait_for(pid, 0));
	say("parent's pages after the child wrote:", count_all(&stack_word, 1));

	/* The parent writes first, while the child is stopped; the child
	 * then has uname() write into a page shared since the fork (the
	 * kernel is the writer), and must see neither the parent's writes
	 * nor miss its own. */
	if (!(pid = fork_())) {
		long r;

		stop_me();
		r = syscall3(SYS_uname, (long)(bss + 100), 0, 0);
		exit(!r && bss[100] && count_all(&stack_word, 1) == PAGES + 4 ? 0 : 1);
	}
	say("child stopped: status", wait_for(pid, WUNTRACED));
	set_all(&stack_word, 3);
	say("child saw its own pages after the parent wrote: status", resume(pid));
	say("parent's pages after the child's uname() into one:", count_all(&stack_word, 3));
	say("the parent's bss missed the child's uname():", bss[100] == 0);

	/* Three share each page: a grandchild writes, then the child, then
	 * the parent; each sees only its own. */
	if (!(pid = fork_())) {
		long grandchild = fork_();

		if (!grandchild) {
			set_all(&stack_word, 7);
			exit(count_all(&stack_word, 7) == PAGES + 4 ? 0 : 1);
		}
		if (wait_for(grandchild, 0) != 0 || count_all(&stack_word, 3) != PAGES + 4)
			exit(1);
		set_all(&stack_word, 6);
		exit(count_all(&stack_word, 6) == PAGES + 4 ? 0 : 2);
	}
	say("three sharers: child and grandchild status", wait_for(pid, 0));
	say("parent's pages after both wrote:", count_all(&stack_word, 3));

	/* CLONE_CHILD_SETTID: the kernel writes the child's tid into the
	 * child's copy of the page only. */
	data_word = 0;
	if (!(pid = syscall6(SYS_clone, SIGCHLD | CLONE_CHILD_SETTID, 0, 0, 0, (long)&data_word, 0)))
		exit(data_word == getpid() ? 0 : 1);
	say("CLONE_CHILD_SETTID wrote the child's tid: status", wait_for(pid, 0));
	say("the parent's word is still", data_word);

	/* mprotect away and back on a shared page: it stays shared, and the
	 * parent's write after it is the parent's alone. */
	if (!(pid = fork_())) {
		stop_me();
		exit(heap[0] == 3 ? 0 : 1);
	}
	say("child stopped: status", wait_for(pid, WUNTRACED));
	syscall3(SYS_mprotect, (long)heap, 4096, PROT_READ);
	syscall3(SYS_mprotect, (long)heap, 4096, PROT_READ | PROT_WRITE);
	heap[0] = 9;
	say("after mprotect the child still sees its own: status", resume(pid));
	say("and the parent its own:", heap[0]);
	print("cow: done\n");
	return 0;
}
