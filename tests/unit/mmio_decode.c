/* host/core/mmio_decode.c: the loads and stores a driver's code makes. */
#include <string.h>
#include "check.h"
#include "../../host/core/lg.h"
#include "../../host/core/mmio_decode.h"

static struct mmio_insn m;

static int dec(const char *bytes, u32 n)
{
	return mmio_decode((const u8 *)bytes, n, &m);
}

int main(void)
{
	struct lguest_regs r;

	/* mov 0x10(%ebx),%eax: 8b 43 10 */
	CHECK(dec("\x8b\x43\x10", 3) && !m.write && m.size == 4 && m.reg == 0 && m.len == 3,
	      "a 32-bit load with an 8-bit displacement");
	/* mov %edx,(%ecx): 89 11 */
	CHECK(dec("\x89\x11", 2) && m.write && m.size == 4 && m.reg == 2 && m.len == 2,
	      "a 32-bit store through a register");
	/* mov %si,0x70(%eax): 66 89 70 70 */
	CHECK(dec("\x66\x89\x70\x70", 4) && m.write && m.size == 2 && m.reg == 6 && m.len == 4,
	      "a 16-bit store");
	/* mov %bh,(%eax): 88 38 */
	CHECK(dec("\x88\x38", 2) && m.write && m.size == 1 && m.reg == 7, "a byte store from %%bh");
	/* mov 0xfeb00070,%eax: a1 70 00 b0 fe */
	CHECK(dec("\xa1\x70\x00\xb0\xfe", 5) && !m.write && m.size == 4 && m.reg == 0 && m.len == 5,
	      "a load from an absolute address");
	/* movl $0x5,0xfeb00070: c7 05 70 00 b0 fe 05 00 00 00 */
	CHECK(dec("\xc7\x05\x70\x00\xb0\xfe\x05\x00\x00\x00", 10) && m.write && m.has_imm &&
	      m.imm == 5 && m.size == 4 && m.len == 10, "a store of an immediate to an absolute address");
	/* movb $0x80,0x4(%esi,%ebx,4): c6 44 9e 04 80 */
	CHECK(dec("\xc6\x44\x9e\x04\x80", 5) && m.write && m.has_imm && m.imm == 0x80 &&
	      m.size == 1 && m.len == 5, "a byte immediate through SIB");
	/* movw $0x1234,(%eax): 66 c7 00 34 12 */
	CHECK(dec("\x66\xc7\x00\x34\x12", 5) && m.imm == 0x1234 && m.size == 2 && m.len == 5,
	      "a 16-bit immediate");
	/* movzbl 0x3(%edx),%ecx: 0f b6 4a 03 */
	CHECK(dec("\x0f\xb6\x4a\x03", 4) && !m.write && m.zero_extend && m.size == 1 &&
	      m.reg == 1 && m.len == 4, "movzbl");
	/* movzwl 0x100(%edi),%ebp: 0f b7 af 00 01 00 00 */
	CHECK(dec("\x0f\xb7\xaf\x00\x01\x00\x00", 7) && m.size == 2 && m.reg == 5 && m.len == 7,
	      "movzwl with a 32-bit displacement");
	/* mov (,%eax,4) with no base: 8b 04 85 00 00 b0 fe */
	CHECK(dec("\x8b\x04\x85\x00\x00\xb0\xfe", 7) && m.len == 7, "SIB with no base");
	/* %fs: prefix: 64 8b 00 */
	CHECK(dec("\x64\x8b\x00", 3) && m.len == 3, "a segment prefix");

	CHECK(!dec("\x89\xc0", 2), "a register-to-register mov is no device access");
	CHECK(!dec("\x01\x00", 2), "add is refused");
	CHECK(!dec("\xc7\x05\x70\x00\xb0\xfe\x05\x00\x00", 9), "a cut immediate is refused");
	CHECK(!dec("\x8b\x43", 2), "a cut displacement is refused");
	CHECK(!dec("\x8b\x04", 2), "a missing SIB is refused");
	CHECK(!dec("\xc7\x08\x00\x00\x00\x00", 6), "C7 with reg field 1 is refused");
	CHECK(!dec("\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x8b\x00", 17),
	      "16 bytes of prefixes are refused");
	CHECK(!dec("", 0), "nothing is refused");

	memset(&r, 0, sizeof(r));
	r.eax = 0x11223344;
	r.ebx = 0xAABBCCDD;
	dec("\x88\x38", 2);	/* mov %bh */
	CHECK(mmio_store_value(&r, &m) == 0xCC, "a store from %%bh takes the second byte of %%ebx");
	dec("\x66\x89\x00", 3);	/* mov %ax */
	CHECK(mmio_store_value(&r, &m) == 0x3344, "a 16-bit store takes %%ax");
	dec("\x8a\x20", 2);	/* mov (%eax),%ah */
	mmio_complete_load(&r, &m, 0x99);
	CHECK(r.eax == 0x11229944, "a load into %%ah leaves the rest of %%eax");
	dec("\x0f\xb6\x18", 3);	/* movzbl (%eax),%ebx */
	mmio_complete_load(&r, &m, 0x1FF);
	CHECK(r.ebx == 0xFF, "movzbl clears the rest of %%ebx");
	dec("\x8b\x30", 2);	/* mov (%eax),%esi */
	mmio_complete_load(&r, &m, 0xDEADBEEF);
	CHECK(r.esi == 0xDEADBEEF, "a 32-bit load fills %%esi");
	return check_done();
}
