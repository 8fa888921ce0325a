/* Every system call's handler (kernel/sys_*.c), named as in
 * syscall_table.h.  Arguments arrive as the registers held them. */
#ifndef GUEST_SYSCALLS_H
#define GUEST_SYSCALLS_H

#include <lguest/types.h>

/* sys_file.c */
long sys_read(u32 fd, u32 buf, u32 len);
long sys_write(u32 fd, u32 buf, u32 len);
/* RLIMIT_FSIZE, as Linux's generic_write_check_limits: a write to regular
 * file f that would start at or past the limit is -EFBIG and SIGXFSZ; one
 * that would cross it is cut short (*len).  0 if it may go ahead. */
struct file;
struct inode;
long file_size_limit(const struct file *f, u32 *len);
/* The same for making i size bytes long (truncate, fallocate), as Linux's
 * inode_newsize_ok: only growing past the limit is refused. */
long file_size_grow_ok(const struct inode *i, u64 size);

/* sys_proc.c */
long sys_exit(u32 status) __attribute__((noreturn));
#define sys_exit_group sys_exit
long sys_fork(void);
long sys_vfork(void);
long sys_clone(u32 flags, u32 newsp, u32 ptid, u32 tls, u32 ctid);
long sys_execve(u32 path, u32 argv, u32 envp);
long sys_waitpid(u32 pid, u32 status, u32 options);
long sys_wait4(u32 pid, u32 status, u32 options, u32 rusage);
long sys_getpid(void);
long sys_getppid(void);
long sys_gettid(void);
long sys_set_tid_address(u32 tidptr);
long sys_getpgid(u32 pid);
long sys_setpgid(u32 pid, u32 pgid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(u32 pid);
long sys_sched_yield(void);
long sys_set_thread_area(u32 uptr);

/* sys_mm.c */
long sys_brk(u32 addr);
long sys_mmap(u32 uargs);
long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd, u32 pgoff);
long sys_munmap(u32 addr, u32 len);
long sys_mprotect(u32 addr, u32 len, u32 prot);
long sys_madvise(u32 addr, u32 len, u32 advice);

/* sys_signal.c */
long sys_rt_sigaction(u32 sig, u32 act, u32 oact, u32 setsize);
long sys_rt_sigprocmask(u32 how, u32 set, u32 oset, u32 setsize);
long sys_sigreturn(void);
long sys_rt_sigreturn(void);
long sys_kill(u32 pid, u32 sig);
long sys_tkill(u32 tid, u32 sig);
long sys_tgkill(u32 tgid, u32 tid, u32 sig);
long sys_pause(void);
long sys_rt_sigsuspend(u32 set, u32 setsize);
long sys_alarm(u32 seconds);
long sys_sigaltstack(u32 ss, u32 oss);

/* sys_poll.c */
long sys_poll(u32 fds, u32 nfds, u32 timeout_ms);
long sys_ppoll(u32 fds, u32 nfds, u32 ts, u32 mask, u32 size);
long sys_ppoll_time64(u32 fds, u32 nfds, u32 ts, u32 mask, u32 size);
long sys_select(u32 args);
long sys__newselect(u32 n, u32 in, u32 out, u32 ex, u32 tv);
long sys_pselect6(u32 n, u32 in, u32 out, u32 ex, u32 ts, u32 sig);
long sys_pselect6_time64(u32 n, u32 in, u32 out, u32 ex, u32 ts, u32 sig);

/* sys_time.c */
long sys_clock_gettime(u32 clock, u32 ts);
long sys_clock_gettime64(u32 clock, u32 ts);
long sys_clock_getres(u32 clock, u32 ts);
long sys_clock_getres_time64(u32 clock, u32 ts);
long sys_gettimeofday(u32 tv, u32 tz);
long sys_restart_syscall(void);
long sys_settimeofday(u32 tv, u32 tz);
long sys_clock_settime(u32 clock, u32 ts);
long sys_clock_settime64(u32 clock, u32 ts);
long sys_time(u32 t);
long sys_nanosleep(u32 req, u32 rem);
long sys_clock_nanosleep(u32 clock, u32 flags, u32 req, u32 rem);
long sys_clock_nanosleep_time64(u32 clock, u32 flags, u32 req, u32 rem);
long sys_times(u32 buf);

/* sys_info.c: the Guest runs as root, so every id call is one of a few. */
long sys_uname(u32 buf);
long sys_sysinfo(u32 buf);
long sys_getrlimit(u32 resource, u32 buf);
long sys_ugetrlimit(u32 resource, u32 buf);
long sys_setrlimit(u32 resource, u32 buf);
long sys_prlimit64(u32 pid, u32 resource, u32 new, u32 old);
long sys_getuid(void);
#define sys_getgid sys_getuid
#define sys_geteuid sys_getuid
#define sys_getegid sys_getuid
#define sys_getuid32 sys_getuid
#define sys_getgid32 sys_getuid
#define sys_geteuid32 sys_getuid
#define sys_getegid32 sys_getuid
long sys_setuid(u32 id);
#define sys_setgid sys_setuid
#define sys_setuid32 sys_setuid
#define sys_setgid32 sys_setuid
long sys_setresuid(u32 r, u32 e, u32 s);

#define sys_setresuid32 sys_setresuid
#define sys_setresgid32 sys_setresuid
long sys_getresuid(u32 r, u32 e, u32 s);

#define sys_getresuid32 sys_getresuid
#define sys_getresgid32 sys_getresuid
long sys_getgroups(u32 size, u32 list);
#define sys_getgroups32 sys_getgroups
long sys_umask(u32 mask);
long sys_prctl(u32 option, u32 arg2);
long sys_set_robust_list(u32 head, u32 len);
long sys_rseq(void);
long sys_getrandom(u32 ubuf, u32 len, u32 flags);
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
long sys_fallocate(u32 fd, u32 mode, u32 off_lo, u32 off_hi, u32 len_lo, u32 len_hi);
long sys_ftruncate64(u32 fd, u32 lo, u32 hi);
long sys_truncate(u32 upath, u32 len);
long sys_ftruncate(u32 fd, u32 len);
long sys_fsync(u32 fd);
long sys_sync(void);
long sys_faccessat2(u32 dirfd, u32 upath, u32 mode, u32 flags);
long sys_faccessat(u32 dirfd, u32 upath, u32 mode);
long sys_access(u32 upath, u32 mode);
long sys_chdir(u32 upath);
long sys_fchdir(u32 fd);
long sys_getcwd(u32 ubuf, u32 size);
long sys_mount(u32 usource, u32 utarget, u32 utype, u32 flags, u32 udata);
long sys_umount(u32 utarget);
long sys_umount2(u32 utarget, u32 flags);
long sys_statfs64(u32 upath, u32 size, u32 ubuf);
long sys_fstatfs64(u32 fd, u32 size, u32 ubuf);
long sys_sendfile64(u32 out_fd, u32 in_fd, u32 uoffset, u32 count);
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
