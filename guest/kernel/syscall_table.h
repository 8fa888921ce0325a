/*
 * The system calls there are, by Linux i386 number: SYSCALL(number, name,
 * number of arguments).  sys_NAME in a kernel/sys_*.c file serves each;
 * syscall.c builds its table from this list, syscalls.h the prototypes'
 * names.  A new call is one line here and one function.
 */
SYSCALL(1, exit, 1)
SYSCALL(3, read, 3)
SYSCALL(4, write, 3)
SYSCALL(20, getpid, 0)
SYSCALL(45, brk, 1)
SYSCALL(91, munmap, 2)
SYSCALL(158, sched_yield, 0)
SYSCALL(192, mmap2, 6)
SYSCALL(243, set_thread_area, 1)
SYSCALL(252, exit_group, 1)
