/* Fixed-size types for the ABI: the same on both sides of every interface,
 * whether compiled freestanding for i386 or natively for the unit tests. */
#ifndef LGUEST_TYPES_H
#define LGUEST_TYPES_H

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

/* A 64-bit field of a structure the Host and the Guest share, aligned as
 * i386 aligns one inside a structure (4 bytes), whatever compiles it: the
 * 64-bit unit tests and fuzz targets must lay it out as the kernels do. */
typedef u64 abi_u64 __attribute__((aligned(4)));
#endif

#endif
