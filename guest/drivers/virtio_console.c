/*
 * The console, once its virtio device is up: what the programs write
 * leaves through the transmit queue (1), and the user's keys arrive on the
 * receive queue (0).  In a Guest with no console device, their output
 * takes the kernel's log (console.h).
 *
 * Output is polled: the device takes it before the notify returns (the
 * Host serves it in LHCALL_NOTIFY; natively QEMU in the store), so waiting
 * costs nothing
 * and asking for an interrupt would only cost one.  Input is not: one
 * buffer is kept posted, the device's interrupt says it was filled, and
 * the bytes wait in a small ring until someone reads them.
 */
#include <lguest/virtio.h>
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "mm/mm.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "test/test.h"
#include "x86/traps.h"
#include "drivers/virtio.h"

#define CONSOLE_RX	0
#define CONSOLE_TX	1

static struct virtio_driver *console;
/* Where the device writes, and where we copy output for it to read: a
 * program's buffer is in its own address space, not the device's. */
static char rx_buf[64], tx_buf[512];

/* Keys received and not yet read.  rx_buf is posted again only when they
 * have room for all it can hold: until then the device keeps what comes,
 * and nothing typed is lost. */
static char input[256];
static u32 input_head, input_tail;	/* free-running */
static int rx_posted;
/* Who takes the keys as they come (the tty), if anyone. */
static u32 (*receiver)(const char *s, u32 n);

static void post_rx(void)
{
	struct virtio_buf b = virtio_buf(rx_buf, sizeof(rx_buf), 1);

	if (rx_posted || sizeof(input) - (input_head - input_tail) < sizeof(rx_buf))
		return;
	rx_posted = 1;
	virtio_driver_post(console, CONSOLE_RX, &b, 1);
}

/* The device filled rx_buf: keep the bytes and post it again. */
static void console_interrupt(struct trap_frame *f)
{
	u32 got;

	virtio_driver_ack_interrupt(console);
	if (!virtio_driver_collect(console, CONSOLE_RX, &got))
		return;
	if (got > sizeof(rx_buf))
		crash("console: the device says it wrote %u bytes into %u", got,
		      (unsigned)sizeof(rx_buf));
	rx_posted = 0;
	for (u32 i = 0; i < got; i++)
		input[input_head++ % sizeof(input)] = rx_buf[i];
	virtio_console_input_ready();
}

/* Hand what waits to the receiver, as much as it takes, and post the
 * buffer again when there is room.  Interrupts are off. */
static void deliver_input(void)
{
	while (receiver && input_head != input_tail) {
		u32 at = input_tail % sizeof(input);
		u32 n = input_head - input_tail;

		if (n > sizeof(input) - at)
			n = sizeof(input) - at;
		n = receiver(input + at, n);
		if (!n)
			break;
		input_tail += n;
	}
	post_rx();
}

void virtio_console_input_ready(void)
{
	unsigned long flags = pv_save_fl();

	pv_irq_disable();
	if (console)
		deliver_input();
	pv_restore_fl(flags);
}

void virtio_console_set_receiver(u32 (*fn)(const char *s, u32 n))
{
	receiver = fn;
	virtio_console_input_ready();
}

void virtio_console_init(void)
{
	u32 irq;

	console = virtio_find(VIRTIO_ID_CONSOLE, 0);
	if (!console)
		return;
	irq = virtio_irq(console);
	/* Unmasked before the buffer is posted: natively the IOAPIC drops an
	 * edge on a masked pin, and the device's line would then stay up, no
	 * edge ever again, if it had filled the buffer in between. */
	set_trap_handler(FIRST_EXTERNAL_VECTOR + irq, console_interrupt, 0);
	pv.unmask_irq(irq);
	post_rx();
}

int virtio_console_write(const char *s, size_t len)
{
	unsigned long flags;

	if (!console)
		return 0;
	/* One transmit at a time, interrupt handlers' printk included. */
	flags = pv_save_fl();
	pv_irq_disable();
	while (len) {
		u32 n = len < sizeof(tx_buf) ? (u32)len : sizeof(tx_buf);
		struct virtio_buf b = virtio_buf(tx_buf, n, 0);

		memcpy(tx_buf, s, n);
		virtio_driver_request(console, CONSOLE_TX, &b, 1);
		s += n;
		len -= n;
	}
	pv_restore_fl(flags);
	return 1;
}

u32 console_try_read(char *buf, u32 len)
{
	unsigned long flags = pv_save_fl();
	u32 n = 0;

	pv_irq_disable();
	while (n < len && input_head != input_tail)
		buf[n++] = input[input_tail++ % sizeof(input)];
	if (console)
		post_rx();
	pv_restore_fl(flags);
	return n;
}

void console_wait_input(void)
{
	if (!console)
		crash("console: waiting for input, but there is no console device");
	pv_irq_disable();
	if (input_head == input_tail)
		pv_safe_halt();		/* any interrupt wakes us: the device's, say */
	pv_irq_enable();
}

/* "test=echo": read a line from the console and write it back
 * (tests/boot/console.sh types into it). */
static void test_echo(void)
{
	static char line[128];
	u32 len = 0;

	if (!console)
		crash("echo: no console device");
	printk("echo: type a line\n");
	for (;;) {
		char c;

		if (!console_try_read(&c, 1)) {
			console_wait_input();
			continue;
		}
		if (c == '\n' || c == '\r') {
			printk("echo (virtio): %.*s\n", (int)len, line);
			return;
		}
		if (len < sizeof(line))
			line[len++] = c;
	}
}

GUEST_TEST("echo", test_echo);

/* "test=console-bytes count=N": the first N bytes the console receives,
 * in hex, as the lguest command sent them (include/lguest/console.h:
 * tests/cli/console.sh checks its escapes). */
static void test_console_bytes(void)
{
	unsigned long n = cmdline_number("count", 8);

	if (!console)
		crash("console-bytes: no console device");
	printk("console-bytes:");
	while (n) {
		unsigned char c;

		if (!console_try_read((char *)&c, 1)) {
			console_wait_input();
			continue;
		}
		printk(" %02x", c);
		n--;
	}
	printk("\n");
}

GUEST_TEST("console-bytes", test_console_bytes);
