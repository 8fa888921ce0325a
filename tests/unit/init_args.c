/* init's argv and envp from the kernel command line, as Linux splits it
 * (guest/boot/init_args.c). */
#include <string.h>
#include "check.h"
#include "boot/init_args.h"

static const char *const keys[] = { "console", "test", "quiet", NULL };

static int same(char **got, const char *const *want)
{
	int i;

	for (i = 0; want[i]; i++)
		if (!got[i] || strcmp(got[i], want[i]))
			return 0;
	return got[i] == NULL;
}

int main(void)
{
	struct init_args a;
	char buf[256];

	CHECK(!init_args_parse("", keys, buf, sizeof(buf), &a) &&
	      same(a.argv, (const char *[]){ "/init", NULL }) &&
	      same(a.envp, (const char *[]){ "HOME=/", "TERM=linux", NULL }),
	      "empty command line: /init, Linux's environment");
	CHECK(!init_args_parse("console=pipe quiet FOO=bar single -- sh -c \"exit 7\"",
			       keys, buf, sizeof(buf), &a) &&
	      same(a.argv, (const char *[]){ "/init", "single", "sh", "-c", "exit 7", NULL }) &&
	      same(a.envp, (const char *[]){ "HOME=/", "TERM=linux", "FOO=bar", NULL }),
	      "kernel keys kept, others to env and argv, quotes group and drop");
	CHECK(a.nkernel == 2 && !strcmp(a.kernel[0], "console=pipe") &&
	      !strcmp(a.kernel[1], "quiet") && !a.kernel[2],
	      "the kernel's own words are listed for it");
	CHECK(!init_args_parse("-- console=x X=1 --", keys, buf, sizeof(buf), &a) &&
	      same(a.argv, (const char *[]){ "/init", "console=x", "X=1", "--", NULL }),
	      "after -- every word is init's");
	CHECK(!init_args_parse("rdinit=/bin/sh  \t x", keys, buf, sizeof(buf), &a) &&
	      !strcmp(a.init, "/bin/sh") &&
	      same(a.argv, (const char *[]){ "/bin/sh", "x", NULL }),
	      "rdinit= names the program, and is its argv[0]");
	CHECK(!init_args_parse("-- \"\"", keys, buf, sizeof(buf), &a) &&
	      same(a.argv, (const char *[]){ "/init", "", NULL }),
	      "an empty quoted word is an argument");
	CHECK(!init_args_parse("-- \"echo \\\"x\\\" \\\\n\" a\\b", keys, buf, sizeof(buf), &a) &&
	      same(a.argv, (const char *[]){ "/init", "echo \"x\" \\n", "a\\b", NULL }),
	      "inside quotes a backslash says a quote or a backslash; outside it is itself");
	CHECK(init_args_parse("-- aaaaaaaaaaaaaaaaaaaa", keys, buf, 10, &a) != NULL,
	      "a command line past the buffer is refused");
	{
		char line[400] = "--";

		for (int i = 0; i < 40; i++)
			strcat(line, " w");
		CHECK(init_args_parse(line, keys, buf, sizeof(buf), &a) != NULL,
		      "too many arguments are refused");
	}
	return check_done();
}
