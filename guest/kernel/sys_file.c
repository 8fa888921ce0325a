/*
 * File system calls.  For now standard input and output are the console.
 */
#include "drivers/console.h"
#include "boot/guest.h"
#include "kstring.h"
#include "x86/paravirt.h"
#include "x86/patch.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/syscalls.h"

long sys_write(u32 fd, u32 buf, u32 len)
{
	if (fd != 1 && fd != 2)
		return -EINVAL;
	if (!user_range_ok(current, buf, len))
		return -EFAULT;
	/* Through a kernel buffer: the console wants kernel addresses (on
	 * the Host it passes them on as Guest-physical ones). */
	for (u32 done = 0; done < len;) {
		char chunk[256];
		u32 n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);

		memcpy(chunk, (const char *)buf + done, n);
		console_write(chunk, n);
		done += n;
	}
	return (long)len;
}

/* Standard input is the console: wait for something typed, letting the
 * other processes run meanwhile, and give what there is. */
long sys_read(u32 fd, u32 buf, u32 len)
{
	u32 n;

	if (fd != 0)
		return -EBADF;
	if (!user_range_ok(current, buf, len))
		return -EFAULT;
	if (!len)
		return 0;
	while (!(n = console_try_read((char *)buf, len))) {
		if (proc_others_runnable())
			schedule();
		else
			console_wait_input();
	}
	return (long)n;
}

