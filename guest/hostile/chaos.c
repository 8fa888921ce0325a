/*
 * The chaos Guest: "test=chaos seed=N ms=M".  From the seed it makes random
 * hypercalls with random and boundary arguments, fills the async ring with
 * random calls, raises random software interrupts from ring 1, offers
 * random descriptors on its devices and pokes random device registers, for
 * M milliseconds (default 2000).  It finds what no list of attacks does.
 *
 * Before each step it prints the step, so a hang or a Host crash names it.
 * The Host must never crash or hang: every run ends with the Guest killed
 * with a message, crashed by its own kernel (a random gate or page table
 * can break it), powered off (a random LHCALL_SHUTDOWN), or its time up
 * (status 0).  tests/hostile/chaos.sh and "make chaos" run it.
 */
#include <lguest/exit_status.h>
#include <lguest/virtio.h>
#include "drivers/console.h"
#include "boot/guest.h"
#include "lguest/hypercall.h"
#include "lguest/lguest_irq.h"
#include "test/test.h"
#include "drivers/virtio.h"
#include "x86/traps.h"
#include "mm/mm.h"
#include <lguest/segments.h>

/* "int $n; ret" for every n, four bytes apart (soft_int_hostile.c). */
extern const char soft_int_stubs[];

static u32 rng_state;
/* Somewhere in RAM a buffer may fairly point. */
static u8 buffer[2 * 4096] __attribute__((aligned(4096)));

/* xorshift32: the same seed, the same run. */
static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static u32 below(u32 n)
{
	return rnd() % n;
}

/* An argument: mostly a boundary a check could get wrong, else random. */
static u32 arg(void)
{
	u32 ram = boot_info->mem_size;
	const u32 edges[] = {
		0, 1, 2, 3, 0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF, 0x80000000,
		4095, 4096, 4097, 0x1000 - 4,
		ram - 1, ram, ram + 1, ram - 4096, ram - 8,
		0xFFC00000, 0xFFC00FFF, 0xFFC01000, 0xFFC03000, 0xFFFFF000,
		LGUEST_PAGE_OFFSET, LGUEST_PAGE_OFFSET + ram,
		(u32)&rng_state, __pa(&rng_state), __pa(&lguest_data),
		(u32)soft_int_stubs, __pa(soft_int_stubs),
		__pa(buffer), __pa(buffer) + 4095, (u32)buffer,
	};

	switch (below(4)) {
	case 0:
		return rnd();
	case 1:
		return below(64);
	default:
		return edges[below(sizeof(edges) / sizeof(edges[0]))];
	}
}

/* Arguments a Host's checks pass, so the run goes on and reaches the
 * Host's deeper states: mappings it must shadow, descriptors it must
 * check field by field, devices it must serve.  Calls that would end or
 * break the Guest at once (init, shutdown, a new page directory) are
 * left to the hostile arguments. */
static void hcall_args_plausible(struct hcall_args *a)
{
	static const u32 calls[] = {
		LHCALL_FLUSH_ASYNC, LHCALL_CONSOLE_WRITE, LHCALL_FLUSH_TLB,
		LHCALL_LOAD_IDT_ENTRY, LHCALL_TS, LHCALL_SET_CLOCKEVENT,
		LHCALL_HALT, LHCALL_SET_PTE, LHCALL_SET_PGD, LHCALL_LOAD_TLS,
		LHCALL_LOAD_GDT_ENTRY, LHCALL_SEND_INTERRUPTS,
	};
	u32 pgdir = __pa(kernel_mm.pgdir), ram = boot_info->mem_size;

	*a = (struct hcall_args){ calls[below(sizeof(calls) / sizeof(calls[0]))],
				  rnd(), rnd(), rnd(), rnd() };
	switch (a->call) {
	case LHCALL_CONSOLE_WRITE:
		a->arg1 = __pa(buffer) + below(4096);
		a->arg2 = below(64);
		break;
	case LHCALL_FLUSH_TLB:
	case LHCALL_TS:
		a->arg1 = below(2);
		break;
	case LHCALL_LOAD_IDT_ENTRY:
		/* Not a vector the kernel or our steps need. */
		a->arg1 = 64 + below(64);
		break;
	case LHCALL_SET_CLOCKEVENT:
		a->arg1 = below(10000000);
		break;
	case LHCALL_SET_PTE:
		/* A user mapping of any frame, any flags: nothing of ours
		 * runs there. */
		a->arg1 = pgdir;
		a->arg2 = below(LGUEST_PAGE_OFFSET);
		a->arg3 = (below(ram) & ~0xFFFu) | below(0x1000);
		break;
	case LHCALL_SET_PGD:
		a->arg1 = pgdir;
		a->arg2 = below(1024);
		break;
	case LHCALL_LOAD_TLS:
		a->arg1 = __pa(buffer) + below(4096 - 24);
		break;
	case LHCALL_LOAD_GDT_ENTRY:
		/* The TLS entries and those past them: not the kernel's live
		 * segments. */
		a->arg1 = GDT_ENTRY_TLS_MIN + below(8);
		break;
	}
}

/* A restart would boot this same seed again, for ever: a restart loop
 * is the outer timeout's to end, not a finding. */
static void hcall_args_random(struct hcall_args *a)
{
	if (below(8)) {
		hcall_args_plausible(a);
	} else {
		a->call = below(16) ? below(LHCALL_NR) : arg();
		a->arg1 = arg();
		a->arg2 = arg();
		a->arg3 = arg();
		a->arg4 = arg();
	}
	if (a->call == LHCALL_SHUTDOWN && a->arg1 == LGUEST_SHUTDOWN_RESTART)
		a->arg1 = LGUEST_SHUTDOWN_POWEROFF;
	/* A power-off's status stays below the verdicts' 100, so that the
	 * verdict (tests/chaos.bash) can tell them apart from the run's
	 * status alone; over 255 it is still refused, as any may be. */
	if (a->call == LHCALL_SHUTDOWN && a->arg1 == LGUEST_SHUTDOWN_POWEROFF &&
	    a->arg2 > LGUEST_PORT_STATUS_MAX && a->arg2 <= LGUEST_STATUS_MAX)
		a->arg2 %= LGUEST_PORT_STATUS_MAX + 1;
	/* A halt with nothing to wake it ends the run (the Host kills it),
	 * so most halts should wake: a clock event first (the ring's halt
	 * runs after this one's), and the clock's interrupt unblocked (a
	 * device may have written over lguest_data: its address is one of
	 * our arguments).  Under load the event may still fire before the
	 * halt reaches the Host: then the kill is the right end. */
	if (a->call == LHCALL_HALT) {
		lguest_data.blocked_interrupts[0] &= ~1u;
		lguest_set_clockevent(1000000);
	}
}

static void step_hcall(unsigned n)
{
	struct hcall_args a;
	u32 r;

	hcall_args_random(&a);
	printk("chaos %u: hcall %u (0x%x, 0x%x, 0x%x, 0x%x)\n",
	       n, a.call, a.arg1, a.arg2, a.arg3, a.arg4);
	r = hcall(a.call, a.arg1, a.arg2, a.arg3, a.arg4);
	printk("chaos %u: returned 0x%x\n", n, r);
}

static void step_async(unsigned n)
{
	unsigned count = 1 + below(below(8) ? 8 : LHCALL_RING_SIZE), i;

	printk("chaos %u: %u random calls in the async ring\n", n, count);
	for (i = 0; i < count; i++) {
		unsigned slot = below(LHCALL_RING_SIZE);
		struct hcall_args *a = &lguest_data.hcalls[slot];

		hcall_args_random(a);
		printk("chaos %u:   slot %u: %u (0x%x, 0x%x, 0x%x, 0x%x)\n",
		       n, slot, a->call, a->arg1, a->arg2, a->arg3, a->arg4);
		lguest_data.hcall_status[slot] = below(8) ? LHCALL_SLOT_READY : (u8)rnd();
	}
	hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
}

/* A #GP from one of our "int"s (no gate, or one ring 1 may not use)
 * skips it; the kernel's default handler would crash the Guest, ending
 * the run too soon. */
static void gp_skip(struct trap_frame *f)
{
	u32 at = f->eip - (u32)soft_int_stubs;

	if (at >= 256 * 4)
		trap_unhandled(f);
	printk("chaos: #GP at int $%u, error code 0x%x\n", at / 4, f->errcode);
	f->eip += 2;
}

/* Our "int" on an exception vector the CPU pushes no error code for:
 * the frame is whole, so carry on past it.  (On the others the frame is a
 * word short, as on a CPU, and the kernel's handler crashes the Guest.) */
static void int_return(struct trap_frame *f)
{
	if (f->eip - (u32)soft_int_stubs >= 256 * 4)
		trap_unhandled(f);
	printk("chaos: int $%u reached its handler\n", f->vector);
}

static void step_soft_int(unsigned n)
{
	u32 v = below(256);

	/* Our own vectors' handlers run as if it were theirs: the hypercall
	 * vector is a hypercall with whatever %eax holds. */
	printk("chaos %u: int $%u\n", n, v);
	((void (*)(void))(soft_int_stubs + 4 * v))();
}

static struct virtio_driver *random_device(void)
{
	static const u32 ids[] = { VIRTIO_ID_BLOCK, VIRTIO_ID_CONSOLE, VIRTIO_ID_RNG };

	return virtio_find(ids[below(3)], 0);
}

static void step_descriptors(unsigned n)
{
	struct virtio_driver *d = random_device();
	struct virtio_driver_queue *vq;
	u32 q, count = 1 + below(4), head;
	int fierce;

	if (!d)
		return;
	q = below(d->num_queues);
	vq = &d->q[q];
	/* Mostly a well-formed chain of buffers in RAM (the device serves
	 * it, reading and writing our buffer), else anything at all. */
	fierce = !below(8);
	printk("chaos %u: %u %s descriptors on device %u queue %u\n",
	       n, count, fierce ? "random" : "chained", d->device_id, q);
	head = below(VIRTIO_DRIVER_QUEUE_SIZE - count);
	for (u32 k = 0; k < count; k++) {
		u32 i = fierce ? below(VIRTIO_DRIVER_QUEUE_SIZE) : head + k;
		struct vring_desc desc = fierce ?
			(struct vring_desc){ arg(), arg(), (u16)rnd(), (u16)rnd() } :
			(struct vring_desc){ __pa(buffer) + below(4096), 1 + below(1024),
					     (k + 1 < count ? VRING_DESC_F_NEXT : 0) |
					     (below(2) ? VRING_DESC_F_WRITE : 0),
					     (u16)(i + 1) };

		printk("chaos %u:   desc %u: 0x%x, %u bytes, flags 0x%x, next %u\n",
		       n, i, (u32)desc.addr, desc.len, desc.flags, desc.next);
		vq->desc[i] = desc;
	}
	if (fierce)
		head = below(2) ? below(VIRTIO_DRIVER_QUEUE_SIZE) : (u16)rnd();
	printk("chaos %u:   offer head %u, notify\n", n, head);
	*(volatile u16 *)(vq->avail + 4 + 2 * (vq->avail_idx % VIRTIO_DRIVER_QUEUE_SIZE)) = head;
	*(volatile u16 *)(vq->avail + 2) = ++vq->avail_idx;
	d->notify(d, q);
}

/* A register access of 1, 2 or 4 bytes anywhere in the device's page, or
 * just past it: unaligned and page-straddling ones too. */
static void step_register(unsigned n)
{
	struct virtio_driver *d = random_device();
	u32 offset = below(8) ? below(0x200) : below(0x1000 + 4), size = 1u << below(3);
	u32 value = arg();
	volatile u8 *p;

	if (!d)
		return;
	p = d->regs + offset;
	if (below(2)) {
		printk("chaos %u: read %u bytes of device %u at +0x%x\n", n, size, d->device_id, offset);
		if (size == 1)
			value = *p;
		else if (size == 2)
			value = *(volatile u16 *)p;
		else
			value = *(volatile u32 *)p;
		printk("chaos %u: read 0x%x\n", n, value);
		return;
	}
	printk("chaos %u: write 0x%x, %u bytes, to device %u at +0x%x\n",
	       n, value, size, d->device_id, offset);
	if (size == 1)
		*p = value;
	else if (size == 2)
		*(volatile u16 *)p = value;
	else
		*(volatile u32 *)p = value;
}

static void chaos(void)
{
	u32 seed = cmdline_number("seed", 1);
	unsigned long long end;
	unsigned n;

	rng_state = seed ? seed : 1;
	end = rdtsc() + (unsigned long long)cmdline_number("ms", 2000) * lguest_data.tsc_khz;
	set_trap_handler(13, gp_skip, 0);
	for (unsigned v = 0; v < 20; v++)
		if (v != 2 && v != 7 && v != 8 && (v < 10 || v > 14) && v != 17)
			set_trap_handler(v, int_return, 0);
	printk("chaos: seed %u\n", seed);
	for (n = 0; rdtsc() < end; n++) {
		((u32 *)buffer)[below(sizeof(buffer) / 4)] = rnd();
		switch (below(10)) {
		case 0: case 1: case 2: case 3:
			step_hcall(n);
			break;
		case 4:
			step_async(n);
			break;
		case 5: case 6:
			step_soft_int(n);
			break;
		case 7: case 8:
			step_descriptors(n);
			break;
		default:
			step_register(n);
		}
	}
	printk("chaos: seed %u: %u steps, its time is up\n", seed, n);
}

GUEST_TEST("chaos", chaos);
