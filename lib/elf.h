/*
 * Checking and loading 32-bit x86 ELF executables.
 *
 * Shared by the lguest command (which refuses a bad kernel before it starts
 * QEMU) and the Host's launcher (which loads the Guest from a multiboot
 * module).  Everything about the file is checked before a byte is copied:
 * the file is input, and input lies.
 */
#ifndef LGUEST_LIB_ELF_H
#define LGUEST_LIB_ELF_H

#include <stddef.h>
#include <lguest/types.h>

enum elf_error {
	ELF_OK,
	ELF_TOO_SHORT,		/* shorter than an ELF header */
	ELF_NOT_ELF,		/* no \177ELF magic */
	ELF_NOT_32BIT,		/* ELFCLASS64 or another class */
	ELF_NOT_LITTLE_ENDIAN,
	ELF_NOT_EXECUTABLE,	/* not ET_EXEC */
	ELF_NOT_X86,		/* e_machine is not EM_386 */
	ELF_BAD_PROGRAM_HEADERS,/* table outside the file, or odd entry size */
	ELF_NO_SEGMENTS,	/* nothing to load */
	ELF_SEGMENT_OUTSIDE_FILE,
	ELF_SEGMENT_TOO_BIG,	/* file size larger than memory size */
	ELF_SEGMENT_OUTSIDE_MEMORY,
	ELF_ENTRY_OUTSIDE,	/* the entry point is in no loaded segment */
};

/* A sentence fragment for an error, e.g. "is not a 32-bit ELF file". */
const char *elf_error_string(enum elf_error err);

/* Is this a 32-bit little-endian x86 executable?  Looks at the ELF header
 * only, so the lguest command can answer from the first bytes of a file. */
enum elf_error elf_check_header(const void *image, size_t size);

/* Can the whole image be loaded into physical memory [0, mem_size)?  Every
 * PT_LOAD segment must lie inside the file and, by its physical address,
 * inside memory, and the entry point inside one of them.  On success
 * *end gets the first physical address past the highest segment. */
enum elf_error elf_check_image(const void *image, size_t size, u32 mem_size,
			       u32 *end);

/* Does any PT_LOAD segment of a checked image touch physical [start, end)? */
int elf_overlaps(const void *image, u32 start, u32 end);

/* Copy every PT_LOAD segment to mem + its physical address and zero the
 * rest of its memory size.  Only for an image elf_check_image() passed.
 * Returns the entry point. */
u32 elf_load(const void *image, void *mem);

#endif
