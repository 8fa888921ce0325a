/* host/launcher/load.c: the Guest's memory as it starts, and every refusal. */
#include <stdlib.h>
#include <lguest/boot.h>
#include "check.h"
#include "elf_builder.h"
#include "../../host/launcher/load.h"

#define MEM (4u << 20)

static u8 *mem;
static char err[200];

static int load(const struct guest_image *img, u32 *entry)
{
	err[0] = '\0';
	return load_guest(img, mem, MEM, entry, err, sizeof(err));
}

int main(void)
{
	struct test_elf e;
	struct guest_image img = { 0 };
	static char initrd[10000], longline[LGUEST_CMDLINE_MAX + 1];
	const struct lguest_boot_info *info;
	u32 entry = 0;

	mem = malloc(MEM);
	memset(initrd, 0x5A, sizeof(initrd));
	test_elf_init(&e, 0x100000, 100, 5000);
	img.kernel = &e;
	img.kernel_size = sizeof(e);
	img.cmdline = "test=hello exit=3";
	img.initrd = initrd;
	img.initrd_size = sizeof(initrd);
	img.boots = 2;
	memset(mem, 0xEE, MEM);	/* what the last boot left behind */

	CHECK(load(&img, &entry) == 0, "a good image loads (%s)", err);
	info = (const void *)(mem + LGUEST_BOOT_INFO_GPA);
	CHECK(entry == 0x100000, "the entry point is the ELF's");
	CHECK(mem[0x100000] == 0xAB && mem[0x100000 + 99] == 0xAB, "the segment's bytes are copied");
	CHECK(mem[0x100000 + 100] == 0 && mem[0x100000 + 4999] == 0, "the rest of the segment is zeroed");
	CHECK(mem[LGUEST_BOOT_INFO_GPA + 4095] == 0, "the rest of the boot page is zeroed");
	CHECK(info->magic == LGUEST_BOOT_MAGIC && info->version == LGUEST_BOOT_VERSION, "the boot page has its magic");
	CHECK(info->mem_size == MEM, "the boot page gives the memory size");
	CHECK(info->cmdline_len == 17 && !strcmp((char *)mem + info->cmdline, "test=hello exit=3"),
	      "the command line is in the boot page");
	CHECK(info->cmdline >= LGUEST_BOOT_INFO_GPA + sizeof(*info) &&
	      info->cmdline + info->cmdline_len < LGUEST_BOOT_INFO_GPA + 4096, "the command line is inside the boot page");
	CHECK(info->initrd % 4096 == 0 && info->initrd + info->initrd_size <= MEM &&
	      info->initrd >= info->kernel_end, "the initrd is page-aligned at the top, above the kernel");
	CHECK(info->initrd_size == sizeof(initrd) && mem[info->initrd] == 0x5A &&
	      mem[info->initrd + sizeof(initrd) - 1] == 0x5A, "the initrd's bytes are there");
	CHECK(info->kernel_end == 0x102000, "kernel_end is the page past the kernel");
	CHECK(info->boots == 2, "the boot count is passed on");

	img.initrd = NULL;
	img.initrd_size = 0;
	img.cmdline = NULL;
	CHECK(load(&img, &entry) == 0 && info->initrd == 0 && info->cmdline_len == 0 &&
	      mem[info->cmdline] == 0, "no initrd and no command line are fine");

	memset(longline, 'x', LGUEST_CMDLINE_MAX - 1);
	img.cmdline = longline;
	CHECK(load(&img, &entry) == 0, "the longest command line fits");
	longline[LGUEST_CMDLINE_MAX - 1] = 'x';
	CHECK(load(&img, &entry) == -1 && strstr(err, "command line"), "a longer one is refused, not cut");
	img.cmdline = "";

	img.initrd = initrd;
	img.initrd_size = MEM;
	CHECK(load(&img, &entry) == -1 && strstr(err, "initrd"), "an initrd bigger than memory is refused");
	img.initrd_size = MEM - 0x101000;
	CHECK(load(&img, &entry) == -1 && strstr(err, "initrd"), "an initrd overlapping the kernel is refused");
	img.initrd_size = 0;

	test_elf_init(&e, 0x1800, 100, 200);
	CHECK(load(&img, &entry) == -1 && strstr(err, "boot page"), "a kernel over the boot page is refused");
	test_elf_init(&e, MEM - 100, 100, 200);
	CHECK(load(&img, &entry) == -1 && strstr(err, "outside"), "a kernel past memory is refused (%s)", err);
	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.machine = 62;
	CHECK(load(&img, &entry) == -1 && strstr(err, "x86"), "a non-x86 kernel is refused");
	free(mem);
	return check_done();
}
