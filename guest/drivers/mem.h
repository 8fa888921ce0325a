/* /dev/null, /dev/zero, /dev/full, /dev/random, /dev/urandom (mem.c). */
#ifndef GUEST_MEM_H
#define GUEST_MEM_H

/* Register them with devfs (after the virtio devices are found). */
void mem_devices_init(void);

#endif
