/* Checking and loading 32-bit x86 ELF executables: see elf.h. */
#include "elf.h"
#include "kstring.h"

/* The few ELF definitions we need, spelled out so that freestanding code
 * needs no system header. */
#define EI_NIDENT	16
#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define EM_386		3
#define PT_LOAD		1

struct elf32_ehdr {
	u8 e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
	u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags,
	    p_align;
};

const char *elf_error_string(enum elf_error err)
{
	switch (err) {
	case ELF_OK: return "is a loadable 32-bit x86 ELF executable";
	case ELF_TOO_SHORT: return "is too short to be an ELF file";
	case ELF_NOT_ELF: return "is not an ELF file";
	case ELF_NOT_32BIT: return "is not a 32-bit ELF file (x86-64 kernels cannot run here)";
	case ELF_NOT_LITTLE_ENDIAN: return "is not a little-endian ELF file";
	case ELF_NOT_EXECUTABLE: return "is not an ELF executable (ET_EXEC)";
	case ELF_NOT_X86: return "is not built for 32-bit x86 (EM_386)";
	case ELF_BAD_PROGRAM_HEADERS: return "has a broken program header table";
	case ELF_NO_SEGMENTS: return "has no loadable segments";
	case ELF_SEGMENT_OUTSIDE_FILE: return "has a segment reaching past the end of the file";
	case ELF_SEGMENT_TOO_BIG: return "has a segment whose file size exceeds its memory size";
	case ELF_SEGMENT_OUTSIDE_MEMORY: return "has a segment outside the Guest's memory";
	case ELF_ENTRY_OUTSIDE: return "has its entry point outside its loaded segments";
	}
	return "has an unknown ELF problem";
}

enum elf_error elf_check_header(const void *image, size_t size)
{
	const struct elf32_ehdr *eh = image;

	if (size < 4)
		return ELF_TOO_SHORT;
	if (memcmp(eh->e_ident, "\177ELF", 4) != 0)
		return ELF_NOT_ELF;
	if (size < sizeof(*eh))
		return ELF_TOO_SHORT;
	if (eh->e_ident[4] != ELFCLASS32)
		return ELF_NOT_32BIT;
	if (eh->e_ident[5] != ELFDATA2LSB)
		return ELF_NOT_LITTLE_ENDIAN;
	if (eh->e_machine != EM_386)
		return ELF_NOT_X86;
	if (eh->e_type != ET_EXEC)
		return ELF_NOT_EXECUTABLE;
	return ELF_OK;
}

/* The program header table, once the header says where it is; NULL if it
 * does not fit in the file.  All sums are done in 64 bits: no wrap-around. */
static const struct elf32_phdr *program_headers(const void *image, size_t size)
{
	const struct elf32_ehdr *eh = image;

	if (eh->e_phentsize != sizeof(struct elf32_phdr))
		return NULL;
	if ((u64)eh->e_phoff + (u64)eh->e_phnum * sizeof(struct elf32_phdr) > size)
		return NULL;
	if (eh->e_phoff % 4)
		return NULL;
	return (const struct elf32_phdr *)((const u8 *)image + eh->e_phoff);
}

enum elf_error elf_check_image(const void *image, size_t size, u32 mem_size,
			       u32 *end)
{
	const struct elf32_ehdr *eh = image;
	const struct elf32_phdr *ph;
	enum elf_error err = elf_check_header(image, size);
	int loads = 0, entry_ok = 0;
	u64 top = 0;

	if (err != ELF_OK)
		return err;
	ph = program_headers(image, size);
	if (!ph)
		return ELF_BAD_PROGRAM_HEADERS;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		loads++;
		if ((u64)ph[i].p_offset + ph[i].p_filesz > size)
			return ELF_SEGMENT_OUTSIDE_FILE;
		if (ph[i].p_filesz > ph[i].p_memsz)
			return ELF_SEGMENT_TOO_BIG;
		if ((u64)ph[i].p_paddr + ph[i].p_memsz > mem_size)
			return ELF_SEGMENT_OUTSIDE_MEMORY;
		if (eh->e_entry >= ph[i].p_paddr &&
		    eh->e_entry - ph[i].p_paddr < ph[i].p_memsz)
			entry_ok = 1;
		if ((u64)ph[i].p_paddr + ph[i].p_memsz > top)
			top = (u64)ph[i].p_paddr + ph[i].p_memsz;
	}
	if (!loads)
		return ELF_NO_SEGMENTS;
	if (!entry_ok)
		return ELF_ENTRY_OUTSIDE;
	if (end)
		*end = (u32)top;
	return ELF_OK;
}

int elf_overlaps(const void *image, u32 start, u32 end)
{
	const struct elf32_ehdr *eh = image;
	const struct elf32_phdr *ph =
		(const void *)((const u8 *)image + eh->e_phoff);

	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		if (ph[i].p_paddr < end &&
		    (u64)ph[i].p_paddr + ph[i].p_memsz > start)
			return 1;
	}
	return 0;
}

u32 elf_load(const void *image, void *mem)
{
	const struct elf32_ehdr *eh = image;
	const struct elf32_phdr *ph =
		(const void *)((const u8 *)image + eh->e_phoff);

	for (unsigned i = 0; i < eh->e_phnum; i++) {
		u8 *dst = (u8 *)mem + ph[i].p_paddr;

		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		memcpy(dst, (const u8 *)image + ph[i].p_offset, ph[i].p_filesz);
		memset(dst + ph[i].p_filesz, 0, ph[i].p_memsz - ph[i].p_filesz);
	}
	return eh->e_entry;
}
