/*
 * Builds small 32-bit ELF images in memory for the loader's tests: one
 * header, up to four program headers, then the segments' bytes.
 */
#ifndef TEST_ELF_BUILDER_H
#define TEST_ELF_BUILDER_H

#include <stdint.h>
#include <stddef.h>
#include <string.h>

struct test_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct test_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

struct test_elf {
	struct test_ehdr eh;
	struct test_phdr ph[4];
	uint8_t data[8192];
};

/* A valid image: one PT_LOAD of 'len' bytes (filled with 0xAB) at physical
 * 'paddr', memory size 'memsz', entry at paddr. */
static inline void test_elf_init(struct test_elf *e, uint32_t paddr,
				 uint32_t len, uint32_t memsz)
{
	memset(e, 0, sizeof(*e));
	memcpy(e->eh.ident, "\177ELF", 4);
	e->eh.ident[4] = 1;	/* ELFCLASS32 */
	e->eh.ident[5] = 1;	/* little-endian */
	e->eh.ident[6] = 1;
	e->eh.type = 2;		/* ET_EXEC */
	e->eh.machine = 3;	/* EM_386 */
	e->eh.version = 1;
	e->eh.entry = paddr;
	e->eh.phoff = offsetof(struct test_elf, ph);
	e->eh.ehsize = sizeof(e->eh);
	e->eh.phentsize = sizeof(struct test_phdr);
	e->eh.phnum = 1;
	e->ph[0].type = 1;	/* PT_LOAD */
	e->ph[0].offset = offsetof(struct test_elf, data);
	e->ph[0].vaddr = 0xC0000000u + paddr;
	e->ph[0].paddr = paddr;
	e->ph[0].filesz = len;
	e->ph[0].memsz = memsz;
	memset(e->data, 0xAB, len < sizeof(e->data) ? len : sizeof(e->data));
}

#endif
