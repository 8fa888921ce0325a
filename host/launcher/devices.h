/*
 * The Guest's devices, as the launcher plays them: each a virtio-mmio
 * window of one page above the Guest's RAM, served from one of the
 * machine's own devices.
 */
#ifndef HOST_DEVICES_H
#define HOST_DEVICES_H

#include <lguest/boot.h>
#include "virtio_driver.h"
#include "virtio_mmio_dev.h"

struct lguest;

/* Find the machine's devices and give the Guest one of each we can serve
 * (entropy always if the machine has it; a disk if it has one).  Fills
 * the boot description's list. */
void devices_init(struct lguest *lg, struct lguest_device *list, u32 *count);


/* On the Host's tick: each Guest's console looks for input (dev_console.c). */
void consoles_poll(void);

/* Which of the machine's disks is whose: the machine's nth disk is Guest
 * owner[n]'s (launcher.c, from the Host's "disks=" option). */
void dev_blk_owners(const u8 *owner, unsigned n);

/* Each model's type and set-up: dev_blk.c, dev_rng.c. */
int dev_blk_init(struct virtio_dev *d, struct lguest *lg);
int dev_rng_init(struct virtio_dev *d, struct lguest *lg);
int dev_console_init(struct virtio_dev *d, struct lguest *lg);

/* A Guest buffer from a chain of d's, as the machine's devices see it: the
 * Guest's memory is machine memory at lg->mem_machine, so a model hands
 * the machine the Guest's own bytes, never a copy. */
struct virtio_buf machine_buf(const struct virtio_dev *d, const struct vq_buffer *b);

/* The Guest's interrupt number for d. */
u32 device_irq(const struct virtio_dev *d);

/* A model finished requests on d's queue q: raise its interrupt, unless
 * the driver polls that queue (VRING_AVAIL_F_NO_INTERRUPT). */
void device_done(struct virtio_dev *d, u32 q);

#endif
