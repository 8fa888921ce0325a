/* lguest --version: what the build wrote into version.h (see Makefile). */
#include "version.h"
#include "lguest.h"

const char *lguest_version(void)
{
	return LGUEST_VERSION;
}
