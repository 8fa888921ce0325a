/* host/core/guest_memory.c: no (address, length) reaches past Guest RAM. */
#include "check.h"
#include "../../host/core/lg.h"

int main(void)
{
	static u8 ram[8192];
	struct lguest lg = { .mem = ram, .mem_size = sizeof(ram) };

	CHECK(lguest_address_ok(&lg, 0, 8192), "all of memory is ok");
	CHECK(lguest_address_ok(&lg, 8191, 1), "the last byte is ok");
	CHECK(lguest_address_ok(&lg, 8192, 0) == 0, "an empty range at the end is not an address");
	CHECK(!lguest_address_ok(&lg, 8191, 2), "one byte over is refused");
	CHECK(!lguest_address_ok(&lg, 0, 8193), "a length over the size is refused");
	CHECK(!lguest_address_ok(&lg, 0xFFFFFFFFu, 2), "an address that wraps is refused");
	CHECK(!lguest_address_ok(&lg, 4096, 0xFFFFF001u), "a length that wraps is refused");
	CHECK(guest_ptr(&lg, 100, 4) == ram + 100, "guest_ptr gives the Host's view");
	CHECK(guest_ptr(&lg, 8190, 4) == NULL, "guest_ptr refuses a straddle");
	return check_done();
}
