/* host/launcher/virtqueue.c: every rule a driver can break is caught. */
#include <stdlib.h>
#include <string.h>
#include <lguest/virtio.h>
#include "check.h"
#include "../../host/launcher/virtqueue.h"

#define MEM 65536u
#define QSIZE 8
#define DESC 0x1000u
#define AVAIL 0x2000u
#define USED 0x3000u

static u8 *mem;
static struct virtqueue vq;
static struct vq_chain chain;

static void reset(void)
{
	memset(mem, 0, MEM);
	vq = (struct virtqueue){ .size = QSIZE, .desc = DESC, .avail = AVAIL, .used = USED };
}

static void desc(u16 i, u64 addr, u32 len, u16 flags, u16 next)
{
	struct vring_desc d = { addr, len, flags, next };

	memcpy(mem + DESC + 16u * i, &d, sizeof(d));
}

/* Make head available as the next entry. */
static void offer(u16 head)
{
	u16 idx;

	memcpy(&idx, mem + AVAIL + 2, 2);
	memcpy(mem + AVAIL + 4 + 2 * (idx % QSIZE), &head, 2);
	idx++;
	memcpy(mem + AVAIL + 2, &idx, 2);
}

/* A round of its own for each pop: the index read afresh. */
static enum vq_error pop(void)
{
	enum vq_error e = vq_start(&vq, mem);

	return e != VQ_OK ? e : vq_pop(&vq, mem, MEM, &chain);
}

int main(void)
{
	mem = malloc(MEM);
	reset();
	CHECK(vq_check_rings(&vq, MEM) == VQ_OK, "good rings pass");
	CHECK(pop() == VQ_EMPTY, "an empty queue is empty");

	/* A request: header (read), data (write), status (write). */
	desc(0, 0x8000, 16, VRING_DESC_F_NEXT, 5);
	desc(5, 0x9000, 512, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);
	desc(2, 0xA000, 1, VRING_DESC_F_WRITE, 0);
	offer(0);
	CHECK(pop() == VQ_OK, "a good chain pops");
	CHECK(chain.head == 0 && chain.count == 3 && chain.readable == 1, "its head and buffers");
	CHECK(chain.buf[0].data == mem + 0x8000 && chain.buf[0].len == 16 && !chain.buf[0].writable,
	      "the readable header");
	CHECK(chain.buf[1].data == mem + 0x9000 && chain.buf[1].writable &&
	      chain.buf[2].data == mem + 0xA000 && chain.buf[2].len == 1, "the writable data and status");
	CHECK(pop() == VQ_EMPTY, "then it is empty again");
	vq_push(&vq, mem, chain.head, 513);
	{
		u16 idx;
		u32 id, len;

		memcpy(&idx, mem + USED + 2, 2);
		memcpy(&id, mem + USED + 4, 4);
		memcpy(&len, mem + USED + 8, 4);
		CHECK(idx == 1 && id == 0 && len == 513, "push fills the used ring and moves its index");
	}

	/* The driver's say on interrupts: the available ring's flags. */
	reset();
	CHECK(vq_wants_interrupt(&vq, mem), "a driver wants interrupts unless it says not");
	mem[AVAIL] = VRING_AVAIL_F_NO_INTERRUPT;
	CHECK(!vq_wants_interrupt(&vq, mem), "VRING_AVAIL_F_NO_INTERRUPT: it polls");

	/* Ring placement. */
	reset(); vq.size = 0;
	CHECK(vq_check_rings(&vq, MEM) == VQ_BAD_SIZE, "size 0 is refused");
	reset(); vq.size = 6;
	CHECK(vq_check_rings(&vq, MEM) == VQ_BAD_SIZE, "size 6 is refused");
	reset(); vq.size = 512;
	CHECK(vq_check_rings(&vq, MEM) == VQ_BAD_SIZE, "size 512 is over the maximum");
	reset(); vq.desc = DESC + 8;
	CHECK(vq_check_rings(&vq, MEM) == VQ_BAD_RING, "a misaligned table is refused");
	reset(); vq.desc = MEM - 64;
	CHECK(vq_check_rings(&vq, MEM) == VQ_BAD_RING, "a table past the end is refused");
	reset(); vq.used = 0xFFFFFFFFFFFFFFF0ull;
	CHECK(vq_check_rings(&vq, MEM) == VQ_BAD_RING, "a ring address that wraps is refused");
	reset(); vq.avail = MEM - 6;
	CHECK(vq_check_rings(&vq, MEM) == VQ_BAD_RING, "an avail ring cut by the end is refused");
	reset(); vq.used = 0x100000000ull;
	CHECK(vq_check_rings(&vq, MEM) == VQ_BAD_RING, "a ring above 4 GiB is refused");

	/* Indices. */
	reset();
	{
		u16 far = QSIZE + 1;

		memcpy(mem + AVAIL + 2, &far, 2);
		CHECK(pop() == VQ_BAD_AVAIL_IDX, "an avail index a queue and more ahead is refused");
	}
	reset(); offer(QSIZE);
	CHECK(pop() == VQ_BAD_INDEX, "a head outside the table is refused");
	reset(); desc(0, 0x8000, 16, VRING_DESC_F_NEXT, QSIZE); offer(0);
	CHECK(pop() == VQ_BAD_INDEX, "a next outside the table is refused");

	/* A round takes what was offered when it started, and no more. */
	reset();
	desc(0, 0x8000, 16, 0, 0);
	offer(0);
	CHECK(vq_start(&vq, mem) == VQ_OK, "a round starts");
	offer(0);
	offer(0);
	CHECK(vq_pop(&vq, mem, MEM, &chain) == VQ_OK, "it takes the chain offered before it");
	CHECK(vq_pop(&vq, mem, MEM, &chain) == VQ_EMPTY,
	      "chains offered during the round wait for the next");
	CHECK(pop() == VQ_OK && pop() == VQ_OK && pop() == VQ_EMPTY, "the next round takes them");
	reset();
	CHECK(vq_pop(&vq, mem, MEM, &chain) == VQ_EMPTY, "no round started: nothing to take");

	/* Loops. */
	reset(); desc(0, 0x8000, 16, VRING_DESC_F_NEXT, 0); offer(0);
	CHECK(pop() == VQ_LOOP, "a descriptor pointing at itself is a loop");
	reset();
	for (u16 i = 0; i < QSIZE; i++)
		desc(i, 0x8000, 16, VRING_DESC_F_NEXT, (i + 1) % QSIZE);
	offer(3);
	CHECK(pop() == VQ_LOOP, "a chain round the whole table is a loop");
	reset();
	for (u16 i = 0; i < QSIZE; i++)
		desc(i, 0x8000, 16, i < QSIZE - 1 ? VRING_DESC_F_NEXT : 0, i + 1);
	offer(0);
	CHECK(pop() == VQ_OK && chain.count == QSIZE, "a chain of the whole table is fine");

	/* Buffers. */
	reset(); desc(0, MEM - 4, 8, 0, 0); offer(0);
	CHECK(pop() == VQ_BAD_BUFFER, "a buffer past the end is refused");
	reset(); desc(0, 0xFFFFFFFFFFFFFF00ull, 0x200, 0, 0); offer(0);
	CHECK(pop() == VQ_BAD_BUFFER, "a buffer address that wraps is refused");
	reset(); desc(0, 0x8000, 0, 0, 0); offer(0);
	CHECK(pop() == VQ_BAD_BUFFER, "an empty buffer is refused");
	reset(); desc(0, MEM - 8, 8, 0, 0); offer(0);
	CHECK(pop() == VQ_OK, "a buffer ending at the last byte is fine");
	reset();
	desc(0, 0x8000, 16, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 1);
	desc(1, 0x9000, 16, 0, 0);
	offer(0);
	CHECK(pop() == VQ_READ_AFTER_WRITE, "readable after writable is refused");
	reset(); desc(0, 0x8000, 16, VRING_DESC_F_INDIRECT, 0); offer(0);
	CHECK(pop() == VQ_INDIRECT, "indirect descriptors are refused");

	/* The index wraps at 65536 like the driver's. */
	reset();
	vq.last_avail = 0xFFFF;
	{
		u16 idx = 0xFFFF, head = 1;

		memcpy(mem + AVAIL + 2, &idx, 2);
		memcpy(mem + AVAIL + 4 + 2 * (0xFFFF % QSIZE), &head, 2);
		idx = 0;
		memcpy(mem + AVAIL + 2, &idx, 2);
		desc(1, 0x8000, 16, 0, 0);
		CHECK(pop() == VQ_OK && chain.head == 1 && vq.last_avail == 0, "the avail index wraps");
	}
	for (int e = VQ_OK; e <= VQ_INDIRECT; e++)
		CHECK(vq_error_string(e)[0], "error %d has words", e);
	free(mem);
	return check_done();
}
