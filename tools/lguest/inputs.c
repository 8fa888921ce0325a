/*
 * Checking what the user gave us before anything starts: a run that would
 * fail inside QEMU should fail here instead, with one line that says why.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include <lguest/boot.h>
#include "elf.h"
#include "lguest.h"

/* A kernel bigger than this is not one of ours. */
#define KERNEL_MAX (256u << 20)

/* Open a file that must be a readable regular file; complain if not. */
static int open_regular(const char *what, const char *path, uint64_t *size)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		complain("%s %s: %s", what, path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		complain("%s %s is not a regular file", what, path);
		close(fd);
		return -1;
	}
	*size = (uint64_t)st.st_size;
	return fd;
}

int check_kernel(const char *path, uint64_t mem, uint64_t *size, uint32_t *end)
{
	int fd = open_regular("kernel", path, size);
	enum elf_error err;
	char *buf;
	ssize_t got;

	if (fd < 0)
		return -1;
	if (*size > KERNEL_MAX) {
		complain("kernel %s is %llu bytes: no Guest kernel is that big",
			 path, (unsigned long long)*size);
		close(fd);
		return -1;
	}
	buf = malloc(*size ? *size : 1);
	got = buf ? read(fd, buf, *size) : -1;
	close(fd);
	if (got != (ssize_t)*size) {
		complain("kernel %s: cannot read it", path);
		free(buf);
		return -1;
	}
	err = elf_check_header(buf, *size);
	if (err == ELF_OK)
		err = elf_check_image(buf, *size, mem > UINT32_MAX ? UINT32_MAX : (uint32_t)mem, end);
	free(buf);
	if (err != ELF_OK) {
		complain("%s %s", path, elf_error_string(err));
		return -1;
	}
	return 0;
}

/* An empty initrd is refused: the Host would see none at all and a
 * native Guest one of 0 bytes, and neither is what the user meant. */
int check_initrd(const char *path, uint64_t *size)
{
	int fd = open_regular("initrd", path, size);

	if (fd < 0)
		return -1;
	close(fd);
	if (*size == 0) {
		complain("initrd %s is empty (leave out --initrd for no initrd)", path);
		return -1;
	}
	return 0;
}

/* The rule the Host's loader (host/launcher/load.c) and a native Guest
 * both keep: the kernel, the boot page tables and the initrd, each to a
 * whole page, in the Guest's RAM (boot.h). */
int check_initrd_fits(const struct options *o)
{
	uint64_t page = 4096, below = (o->kernel_end + page - 1) & ~(page - 1);
	uint64_t need = below + LGUEST_BOOT_TABLES_SIZE(o->mem) +
			((o->initrd_size + page - 1) & ~(page - 1));

	if (need <= o->mem)
		return 0;
	complain("initrd %s is %llu bytes, too big for --mem %llu MiB: with the "
		 "kernel and its page tables the Guest needs %llu MiB (give --mem "
		 "more)", o->initrd, (unsigned long long)o->initrd_size,
		 (unsigned long long)(o->mem >> 20),
		 (unsigned long long)((need + (1u << 20) - 1) >> 20));
	return -1;
}

/* A disk is read by QEMU, and written unless it is read-only.  Its size
 * is a whole number of sectors, at least one: QEMU would round a ragged
 * end down for the Guest and then grow the file when the Guest wrote. */
int check_disk(const char *path, int read_only)
{
	uint64_t size;
	int fd = open_regular("disk", path, &size);

	if (fd < 0)
		return -1;
	close(fd);
	if (size == 0) {
		complain("disk %s is empty: a disk holds at least one 512-byte sector", path);
		return -1;
	}
	if (size % 512) {
		complain("disk %s is %llu bytes, not a whole number of 512-byte "
			 "sectors (truncate -s %llu makes it one)", path,
			 (unsigned long long)size, (unsigned long long)(size + 511) / 512 * 512);
		return -1;
	}
	if (!read_only && access(path, W_OK) < 0) {
		complain("disk %s: %s (add ,ro to give it read-only)", path, strerror(errno));
		return -1;
	}
	if (strchr(path, ',')) {
		complain("disk %s: QEMU's -drive cannot take a path with a comma", path);
		return -1;
	}
	return 0;
}

/*
 * Natively QEMU loads the kernel itself as a multiboot kernel, which needs
 * the multiboot (version 1) header: its magic, flags and a checksum that
 * sums them to 0, 4-byte aligned in the file's first 8 KiB.  Without it
 * QEMU would try to boot the file as a Linux bzImage and fail obscurely.
 */
#define MULTIBOOT_HEADER_MAGIC 0x1BADB002u
#define MULTIBOOT_SEARCH 8192

int check_multiboot(const char *path)
{
	uint32_t words[MULTIBOOT_SEARCH / 4];
	uint64_t size;
	int fd = open_regular("kernel", path, &size);
	ssize_t got;

	if (fd < 0)
		return -1;
	got = read(fd, words, sizeof(words));
	close(fd);
	for (ssize_t i = 0; i + 3 <= got / 4; i++)
		if (words[i] == MULTIBOOT_HEADER_MAGIC &&
		    (uint32_t)(words[i] + words[i + 1] + words[i + 2]) == 0)
			return 0;
	complain("kernel %s has no multiboot header: it cannot boot natively", path);
	return -1;
}

int check_host(const char *path)
{
	if (access(path, R_OK) < 0) {
		complain("the Host kernel %s: %s (run 'make' first)", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Its range is checked where --mem is read; here, the machine's memory. */
int check_mem(uint64_t mem)
{
	struct sysinfo si;

	if (sysinfo(&si) == 0 && mem > (uint64_t)si.totalram * si.mem_unit) {
		complain("--mem %llu MiB is more than this machine's %llu MiB of memory",
			 (unsigned long long)(mem >> 20),
			 (unsigned long long)si.totalram * si.mem_unit >> 20);
		return -1;
	}
	return 0;
}

/* The first executable NAME on $PATH, or NAME itself if it has a slash. */
const char *find_in_path(const char *name)
{
	static char buf[PATH_MAX];
	const char *path = getenv("PATH");

	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? name : NULL;
	while (path && *path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, name);
		if (n && access(buf, X_OK) == 0)
			return buf;
		path += n + (path[n] == ':');
	}
	return NULL;
}

/* NAME in the directory this program lives in (build/). */
char *path_beside_self(const char *name)
{
	char self[PATH_MAX], *out;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0)
		return strdup(name);
	self[n] = '\0';
	if (asprintf(&out, "%s/%s", dirname(self), name) < 0)
		return NULL;
	return out;
}
