/*
 * vfs_init(): a cpio newc archive (written here, as GNU cpio writes it)
 * becomes the root file system: directories, files with their modes,
 * owners and mtimes, symlinks, hard links, device nodes, the root's own
 * "." entry; and a truncated archive stops the boot naming the offset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "fs/fs.h"
#include "fs/devfs.h"

static char archive[8192];
static size_t used;
static char crashed[256];
static jmp_buf crash_jmp;

void crash(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(crashed, sizeof(crashed), fmt, ap);
	va_end(ap);
	longjmp(crash_jmp, 1);
}

void printk(const char *fmt, ...)
{
}

static void pad4(void)
{
	while (used % 4)
		archive[used++] = 0;
}

static void entry(const char *name, unsigned mode, unsigned ino, unsigned nlink, unsigned mtime,
		  const char *body, unsigned rmaj, unsigned rmin)
{
	size_t blen = strlen(body);

	used += (size_t)sprintf(archive + used,
		"070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		ino, mode, 1000u, 100u, nlink, mtime, blen, 0u, 1u, rmaj, rmin,
		strlen(name) + 1, 0u);
	memcpy(archive + used, name, strlen(name) + 1);
	used += strlen(name) + 1;
	pad4();
	memcpy(archive + used, body, blen);
	used += blen;
	pad4();
}

static struct inode *at(const char *path, int follow)
{
	struct inode *i;

	return path_walk(NULL, path, follow, &i) ? NULL : i;
}

int main(void)
{
	struct inode *i;
	char buf[16];

	entry(".", S_IFDIR | 0700, 1, 2, 111, "", 0, 0);
	entry("bin", S_IFDIR | 0755, 2, 2, 222, "", 0, 0);
	entry("bin/sh", S_IFREG | 0755, 3, 1, 333, "#!shell", 0, 0);
	entry("bin/ls", S_IFLNK | 0777, 4, 1, 444, "sh", 0, 0);
	entry("bin/a", S_IFREG | 0644, 5, 2, 555, "", 0, 0);
	entry("bin/b", S_IFREG | 0644, 5, 2, 555, "shared", 0, 0);
	entry("console", S_IFCHR | 0600, 6, 1, 666, "", 5, 1);
	entry("missing/x", S_IFREG | 0644, 7, 1, 777, "lost", 0, 0);
	entry("TRAILER!!!", 0, 0, 1, 0, "", 0, 0);

	if (!setjmp(crash_jmp))
		vfs_init(archive, (u32)used);
	CHECK(!crashed[0], "unpacks without a crash (%s)", crashed);
	i = at("/", 1);
	CHECK(i && (i->mode & 07777) == 0700 && i->mtime.sec == 111, "'.' sets the root's mode and mtime");
	i = at("/bin", 1);
	CHECK(i && S_ISDIR(i->mode) && i->mtime.sec == 222 && i->uid == 1000 && i->gid == 100,
	      "a directory: its mtime survives its entries, its owner");
	i = at("/bin/sh", 1);
	CHECK(i && i->mode == (S_IFREG | 0755) && i->size == 7 && i->mtime.sec == 333 &&
	      ramfs_read(i, buf, 7, 0) == 7 && !memcmp(buf, "#!shell", 7), "a file with its data");
	i = at("/bin/ls", 0);
	CHECK(i && S_ISLNK(i->mode) && !strcmp(i->link, "sh") && at("/bin/ls", 1) == at("/bin/sh", 1),
	      "a symlink");
	i = at("/bin/a", 1);
	CHECK(i && i == at("/bin/b", 1) && i->nlink == 2 && i->size == 6, "hard links: one inode, its data");
	i = at("/console", 1);
	CHECK(i && S_ISCHR(i->mode) && i->rdev == MKDEV(5u, 1u), "a device node");
	CHECK(!at("/missing", 1) && !at("/missing/x", 1), "an entry whose directory is missing: skipped");

	/* Cut short in the middle of sh's data. */
	used = 110 + 4 + 112 + 4 + 112 + 8 + 3;
	crashed[0] = 0;
	if (!setjmp(crash_jmp))
		vfs_init(archive, (u32)used);
	CHECK(strstr(crashed, "initramfs") && strstr(crashed, "offset"),
	      "a truncated archive stops the boot: %s", crashed);
	return check_done();
}
