/* What the file system needs from the rest of the kernel, for the unit
 * tests: kmalloc from the C library (with a budget a test can cut to see
 * ENOMEM), one process as current, and sleeping that a test never
 * reaches (it uses O_NONBLOCK): reaching it fails the test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/proc.h"
#include "mm/kmalloc.h"

static struct proc the_proc;
struct proc *current = &the_proc;
long kmalloc_budget = -1;	/* allocations left; -1: no limit */
int signals_sent[NSIG + 1];

void *kmalloc(size_t size)
{
	if (size > KMALLOC_MAX || kmalloc_budget == 0)
		return NULL;
	if (kmalloc_budget > 0)
		kmalloc_budget--;
	return malloc(size);
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	free(p);
}

int sleep_on(const void *chan)
{
	fprintf(stderr, "sleep_on(%p): the test would block\n", chan);
	abort();
}

void wakeup(const void *chan)
{
}

void signal_send(struct proc *p, int sig)
{
	signals_sent[sig]++;
}
