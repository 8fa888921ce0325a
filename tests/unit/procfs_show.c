/* guest/fs/procfs_show.c: /proc's text in Linux's layouts, as busybox's
 * procps.c and free parse them. */
#include "check.h"
#include "fs/procfs_show.h"
#include <stdio.h>
#include <string.h>

static char buf[4096];

static struct text fresh(u32 size)
{
	memset(buf, 0, sizeof(buf));
	return (struct text){ buf, size, 0 };
}

/* Field n (from 3 on) of a stat line, split at spaces after the comm's
 * closing parenthesis, as busybox's procps.c does. */
static const char *field(const char *line, int n, char *out)
{
	const char *p = strrchr(line, ')') + 2;

	for (int f = 3; f < n; f++)
		p = strchr(p, ' ') + 1;
	sscanf(p, "%63s", out);
	return out;
}

int main(void)
{
	struct proc_info pi = {
		.pid = 42, .ppid = 1, .pgid = 40, .sid = 7, .comm = "my prog", .state = 'S',
		.sleeping = 1, .utime = 11, .stime = 22, .cutime = 3, .cstime = 4,
		.vsize = 10674176, .rss_pages = 85, .start_code = 0x8049000,
		.end_code = 0x81cd000, .start_brk = 0x8240000, .arg_start = 0xbffff100,
		.arg_end = 0xbffff120, .env_start = 0xbffff120, .env_end = 0xbffff180,
		.sig_blocked = 1ull << 33 | 2, .sig_caught = 1ull << 16, .umask = 022,
		.fds = 256, .has_mm = 1,
	};
	struct text t = fresh(sizeof(buf));
	char f[64];
	int words = 0;

	show_stat(&t, &pi);
	for (char *p = strrchr(buf, ')') + 1; *p; p++)
		words += *p == ' ';
	CHECK(words + 2 == 52, "stat has 52 fields (got %d)", words + 2);
	CHECK(buf[t.len - 1] == '\n' && strlen(buf) == t.len, "stat is one line, len counted");
	CHECK(!strncmp(buf, "42 (my prog) ", 13), "stat 1-2 pid and comm with its space");
	CHECK(!strcmp(field(buf, 3, f), "S"), "stat 3 state");
	CHECK(!strcmp(field(buf, 4, f), "1"), "stat 4 ppid");
	CHECK(!strcmp(field(buf, 5, f), "40"), "stat 5 pgrp");
	CHECK(!strcmp(field(buf, 6, f), "7"), "stat 6 session");
	CHECK(!strcmp(field(buf, 8, f), "-1"), "stat 8 tpgid");
	CHECK(!strcmp(field(buf, 14, f), "11") && !strcmp(field(buf, 15, f), "22"),
	      "stat 14-15 utime stime");
	CHECK(!strcmp(field(buf, 16, f), "3") && !strcmp(field(buf, 17, f), "4"),
	      "stat 16-17 cutime cstime");
	CHECK(!strcmp(field(buf, 18, f), "20") && !strcmp(field(buf, 19, f), "0") &&
	      !strcmp(field(buf, 20, f), "1"), "stat 18-20 priority nice threads");
	CHECK(!strcmp(field(buf, 23, f), "10674176") && !strcmp(field(buf, 24, f), "85"),
	      "stat 23-24 vsize rss");
	CHECK(!strcmp(field(buf, 25, f), "4294967295"), "stat 25 rsslim");
	CHECK(!strcmp(field(buf, 32, f), "2"), "stat 32 blocked: the low 31 bits");
	CHECK(!strcmp(field(buf, 35, f), "1"), "stat 35 wchan: sleeping");
	CHECK(!strcmp(field(buf, 38, f), "17"), "stat 38 exit_signal SIGCHLD");
	CHECK(!strcmp(field(buf, 47, f), "136577024"), "stat 47 start_brk");
	CHECK(!strcmp(field(buf, 48, f), "3221221632"), "stat 48 arg_start");
	CHECK(!strcmp(field(buf, 52, f), "0"), "stat 52 exit_code");

	t = fresh(sizeof(buf));
	show_status(&t, &pi);
	CHECK(strstr(buf, "Name:\tmy prog\nUmask:\t0022\nState:\tS (sleeping)\n") == buf,
	      "status starts as Linux's");
	CHECK(strstr(buf, "\nPPid:\t1\n") && strstr(buf, "\nVmSize:\t   10424 kB\n") &&
	      strstr(buf, "\nVmRSS:\t     340 kB\n"), "status PPid, VmSize, VmRSS");
	CHECK(strstr(buf, "\nSigBlk:\t0000000200000002\n") &&
	      strstr(buf, "\nSigCgt:\t0000000000010000\n"), "status signal masks in hex");
	pi.has_mm = 0;
	t = fresh(sizeof(buf));
	show_status(&t, &pi);
	CHECK(!strstr(buf, "VmSize"), "a zombie's status has no Vm lines");

	t = fresh(sizeof(buf));
	show_meminfo(&t, 65536, 59464);
	CHECK(!strncmp(buf, "MemTotal:          65536 kB\nMemFree:           59464 kB\n"
		       "MemAvailable:      59464 kB\n", 84), "meminfo in Linux's columns");

	t = fresh(sizeof(buf));
	show_uptime(&t, 12345678901ull, 5060000000ull);
	CHECK(!strcmp(buf, "12.34 5.06\n"), "uptime: seconds, two decimals (got %s)", buf);

	t = fresh(sizeof(buf));
	show_loadavg(&t, 1, 3, 14);
	CHECK(!strcmp(buf, "0.00 0.00 0.00 1/3 14\n"), "loadavg");

	t = fresh(10);
	show_loadavg(&t, 1, 3, 14);
	show_loadavg(&t, 1, 3, 14);
	CHECK(t.len == 9 && !strcmp(buf, "0.00 0.00"), "a full text is cut, not overrun");
	return check_done();
}
