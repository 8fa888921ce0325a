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


/* Files: sys_file.c and sys_fs.c. */
long sys_openat(u32 dirfd, u32 upath, u32 flags, u32 mode);
long sys_open(u32 upath, u32 flags, u32 mode);
long sys_creat(u32 upath, u32 mode);
long sys_fstatat64(u32 dirfd, u32 upath, u32 ubuf, u32 flags);
long sys_stat64(u32 upath, u32 ubuf);
long sys_lstat64(u32 upath, u32 ubuf);
long sys_fstat64(u32 fd, u32 ubuf);
long sys_statx(u32 dirfd, u32 upath, u32 flags, u32 mask, u32 ubuf);
long sys_getdents64(u32 fd, u32 ubuf, u32 size);
long sys_mkdirat(u32 dirfd, u32 upath, u32 mode);
long sys_mkdir(u32 upath, u32 mode);
long sys_mknodat(u32 dirfd, u32 upath, u32 mode, u32 dev);
long sys_mknod(u32 upath, u32 mode, u32 dev);
long sys_unlinkat(u32 dirfd, u32 upath, u32 flags);
long sys_unlink(u32 upath);
long sys_rmdir(u32 upath);
long sys_renameat2(u32 odirfd, u32 oupath, u32 ndirfd, u32 nupath, u32 flags);
long sys_renameat(u32 odirfd, u32 oupath, u32 ndirfd, u32 nupath);
long sys_rename(u32 oupath, u32 nupath);
long sys_linkat(u32 odirfd, u32 oupath, u32 ndirfd, u32 nupath, u32 flags);
long sys_link(u32 oupath, u32 nupath);
long sys_symlinkat(u32 utarget, u32 dirfd, u32 upath);
long sys_symlink(u32 utarget, u32 upath);
long sys_readlinkat(u32 dirfd, u32 upath, u32 ubuf, u32 size);
long sys_readlink(u32 upath, u32 ubuf, u32 size);
long sys_fchmodat(u32 dirfd, u32 upath, u32 mode);
long sys_chmod(u32 upath, u32 mode);
long sys_fchmod(u32 fd, u32 mode);
long sys_fchownat(u32 dirfd, u32 upath, u32 uid, u32 gid, u32 flags);
long sys_chown32(u32 upath, u32 uid, u32 gid);
long sys_lchown32(u32 upath, u32 uid, u32 gid);
long sys_fchown32(u32 fd, u32 uid, u32 gid);
long sys_utimensat(u32 dirfd, u32 upath, u32 utimes, u32 flags);
long sys_utimensat_time64(u32 dirfd, u32 upath, u32 utimes, u32 flags);
long sys_truncate64(u32 upath, u32 lo, u32 hi);
long sys_ftruncate64(u32 fd, u32 lo, u32 hi);
long sys_fsync(u32 fd);
long sys_sync(void);
long sys_faccessat2(u32 dirfd, u32 upath, u32 mode, u32 flags);
long sys_faccessat(u32 dirfd, u32 upath, u32 mode);
long sys_access(u32 upath, u32 mode);
long sys_umask(u32 mask);
long sys_chdir(u32 upath);
long sys_fchdir(u32 fd);
long sys_getcwd(u32 ubuf, u32 size);
long sys_mount(u32 usource, u32 utarget, u32 utype, u32 flags, u32 udata);
long sys_pipe2(u32 ufds, u32 flags);
long sys_pipe(u32 ufds);
long sys_pread64(u32 fd, u32 buf, u32 len, u32 lo, u32 hi);
long sys_pwrite64(u32 fd, u32 buf, u32 len, u32 lo, u32 hi);
long sys_readv(u32 fd, u32 uiov, u32 count);
long sys_writev(u32 fd, u32 uiov, u32 count);
long sys_lseek(u32 fd, u32 off, u32 whence);
long sys__llseek(u32 fd, u32 hi, u32 lo, u32 uresult, u32 whence);
long sys_close(u32 fd);
long sys_dup(u32 fd);
long sys_dup3(u32 fd, u32 nfd, u32 flags);
long sys_dup2(u32 fd, u32 nfd);
long sys_fcntl64(u32 fd, u32 cmd, u32 arg);
long sys_ioctl(u32 fd, u32 cmd, u32 arg);
#define sys_fdatasync sys_fsync

#endif
