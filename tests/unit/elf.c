/* lib/elf.c: every way a kernel file can be wrong is caught before loading. */
#include "check.h"
#include "elf.h"
#include "elf_builder.h"

#define MEM (16u << 20)

static enum elf_error check(struct test_elf *e)
{
	return elf_check_image(e, sizeof(*e), MEM, NULL);
}

int main(void)
{
	struct test_elf e;
	u32 end = 0;

	test_elf_init(&e, 0x100000, 100, 200);
	CHECK(elf_check_image(&e, sizeof(e), MEM, &end) == ELF_OK, "a good image passes");
	CHECK(end == 0x100000 + 200, "end is the top of the highest segment");

	CHECK(elf_check_header(&e, 3) == ELF_TOO_SHORT, "3 bytes are too short");
	CHECK(elf_check_header(&e, 20) == ELF_TOO_SHORT, "a cut header is too short");
	CHECK(elf_check_header("#!/bin/sh\n", 10) == ELF_NOT_ELF, "a script is not ELF");

	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.ident[4] = 2;
	CHECK(check(&e) == ELF_NOT_32BIT, "ELFCLASS64 is refused");
	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.ident[5] = 2;
	CHECK(check(&e) == ELF_NOT_LITTLE_ENDIAN, "big-endian is refused");
	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.machine = 62;
	CHECK(check(&e) == ELF_NOT_X86, "x86-64 machine is refused");
	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.type = 3;
	CHECK(check(&e) == ELF_NOT_EXECUTABLE, "a shared object is refused");

	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.phoff = sizeof(e) - 8;
	CHECK(check(&e) == ELF_BAD_PROGRAM_HEADERS, "headers past the end are refused");
	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.phoff = 0xFFFFFFF0u;
	CHECK(check(&e) == ELF_BAD_PROGRAM_HEADERS, "a header offset that wraps is refused");
	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.phentsize = 16;
	CHECK(check(&e) == ELF_BAD_PROGRAM_HEADERS, "an odd header size is refused");
	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.phnum = 0;
	CHECK(check(&e) == ELF_NO_SEGMENTS, "no segments is refused");

	test_elf_init(&e, 0x100000, 100, 200);
	e.ph[0].filesz = sizeof(e);
	e.ph[0].memsz = sizeof(e);
	CHECK(check(&e) == ELF_SEGMENT_OUTSIDE_FILE, "a segment past the file is refused");
	test_elf_init(&e, 0x100000, 100, 200);
	e.ph[0].offset = 0xFFFFFFFFu;
	CHECK(check(&e) == ELF_SEGMENT_OUTSIDE_FILE, "a segment offset that wraps is refused");
	test_elf_init(&e, 0x100000, 300, 200);
	CHECK(check(&e) == ELF_SEGMENT_TOO_BIG, "filesz over memsz is refused");
	test_elf_init(&e, MEM - 100, 100, 200);
	CHECK(check(&e) == ELF_SEGMENT_OUTSIDE_MEMORY, "a segment past memory is refused");
	test_elf_init(&e, 0xFFFFFF00u, 100, 0x200);
	CHECK(check(&e) == ELF_SEGMENT_OUTSIDE_MEMORY, "a segment that wraps is refused");
	test_elf_init(&e, 0x100000, 100, 200);
	e.eh.entry = 0x100000 + 200;
	CHECK(check(&e) == ELF_ENTRY_OUTSIDE, "an entry past the segment is refused");

	test_elf_init(&e, 0x100000, 100, 200);
	CHECK(elf_overlaps(&e, 0x100000 + 199, 0x200000), "overlap at the last byte");
	CHECK(!elf_overlaps(&e, 0x100000 + 200, 0x200000), "no overlap just past it");
	CHECK(!elf_overlaps(&e, 0, 0x100000), "no overlap just below it");

	for (int i = ELF_OK; i <= ELF_ENTRY_OUTSIDE; i++)
		CHECK(elf_error_string(i)[0] != '\0', "error %d has words", i);
	return check_done();
}
