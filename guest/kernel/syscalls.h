/* Every system call's handler (kernel/sys_*.c), named as in
 * syscall_table.h.  Arguments arrive as the registers held them. */
#ifndef GUEST_SYSCALLS_H
#define GUEST_SYSCALLS_H

#include <lguest/types.h>

long sys_exit(u32 status) __attribute__((noreturn));
#define sys_exit_group sys_exit
long sys_read(u32 fd, u32 buf, u32 len);
long sys_write(u32 fd, u32 buf, u32 len);
long sys_getpid(void);
long sys_brk(u32 addr);
long sys_munmap(u32 addr, u32 len);
long sys_sched_yield(void);
long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd);
long sys_set_thread_area(u32 uptr);

#endif
