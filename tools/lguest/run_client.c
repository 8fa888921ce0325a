/*
 * lguest list, lguest stop NAME and lguest console NAME: clients of a
 * run's control socket (run_control.c), found in the run directory
 * (run_dir.c).  A Guest is named NAME, or RUN/NAME (or NAME with --run
 * RUN) when more than one run has a Guest of that name.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <lguest/exit_status.h>
#include "lguest.h"

#define CTRL_RIGHT_BRACKET 0x1D	/* Ctrl-]: lguest console's detach key */
#define ANSWER_MAX 65536

/* The whole answer to one request to run id (up to ANSWER_MAX bytes), or
 * NULL after complaining; with keep_fd, the connection is left open in
 * *keep_fd after the first line. */
static char *ask(const char *id, const char *request, int *keep_fd)
{
	int fd = run_connect(id);
	char *answer = malloc(ANSWER_MAX + 1);
	size_t len = 0;

	if (!answer)
		abort();
	if (fd < 0) {
		complain("run %s: %s", id, errno == ENOENT || errno == ECONNREFUSED ?
			 "no such run (lguest list shows the runs)" : strerror(errno));
		free(answer);
		return NULL;
	}
	if (send(fd, request, strlen(request), MSG_NOSIGNAL) < 0) {
		complain("run %s: %s", id, strerror(errno));
		close(fd);
		free(answer);
		return NULL;
	}
	while (len < ANSWER_MAX) {
		/* Byte by byte while the first line may be all that is ours:
		 * what follows it is the Guest's console. */
		ssize_t n = read(fd, answer + len, keep_fd ? 1 : ANSWER_MAX - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (keep_fd && answer[len - 1] == '\n')
			break;
	}
	answer[len] = '\0';
	if (keep_fd)
		*keep_fd = fd;
	else
		close(fd);
	return answer;
}

/* An answer that says "error ...": said, and 1. */
static int answer_failed(const char *id, const char *answer)
{
	if (strncmp(answer, "error ", 6))
		return 0;
	complain("run %s: %.*s", id, (int)strcspn(answer + 6, "\n"), answer + 6);
	return 1;
}

/* Does run id have a Guest named name?  -1: no answer (said why). */
static int run_has(const char *id, const char *name)
{
	char *names = ask(id, "names\n", NULL);
	int found = 0;

	if (!names)
		return -1;
	for (char *line = names, *next; line && *line && !found; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		found = !strcmp(line, name);
	}
	free(names);
	return found;
}

/* Which run has the Guest "NAME" or "RUN/NAME" (or NAME and --run RUN):
 * its id into *id and its name into *name; 0, or 1 after complaining. */
static int find_guest(const char *arg, const char *run, char **id, const char **name)
{
	const char *slash = strchr(arg, '/');
	char **ids;
	int n, found = 0;

	*name = slash ? slash + 1 : arg;
	if (slash && run && (strlen(run) != (size_t)(slash - arg) || strncmp(run, arg, strlen(run)))) {
		complain("%s and --run %s name two runs", arg, run);
		return 1;
	}
	if (slash)
		run = strndup(arg, (size_t)(slash - arg));
	if (!**name || strlen(*name) > 32 || strspn(*name, "abcdefghijklmnopqrstuvwxyz"
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != strlen(*name)) {
		complain("'%s' is not a Guest's name (1 to 32 letters, digits, '-', '_' "
			 "or '.')", *name);
		return 1;
	}
	if (run) {
		if (!*run || strspn(run, "0123456789") != strlen(run)) {
			complain("'%s' is not a run (lguest list shows the runs)", run);
			return 1;
		}
		switch (run_has(run, *name)) {
		case -1:
			return 1;
		case 0:
			complain("run %s has no Guest named %s (lguest list shows them)",
				 run, *name);
			return 1;
		}
		*id = (char *)run;
		return 0;
	}
	n = runs_find(&ids);
	if (n < 0)
		return 1;
	if (n == 0) {
		complain("no run of several Guests is running (lguest run --guest ...)");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		if (run_has(ids[i], *name) != 1)
			continue;
		if (found++) {
			complain("runs %s and %s both have a Guest named %s: say which, "
				 "as %s/%s or with --run %s", *id, ids[i], *name, *id, *name, *id);
			return 1;
		}
		*id = ids[i];
	}
	if (!found) {
		complain("no run has a Guest named %s (lguest list shows them)", *name);
		return 1;
	}
	return 0;
}

/* "[--run ID] WHAT" for stop and console: WHAT into *what. */
static int client_args(int argc, char **argv, const char **run, const char **what)
{
	*run = NULL;
	*what = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--run") && i + 1 < argc)
			*run = argv[++i];
		else if (!strncmp(argv[i], "--run=", 6))
			*run = argv[i] + 6;
		else if (argv[i][0] == '-' || *what) {
			complain("usage: lguest %s [--run RUN] NAME (or RUN/NAME)", argv[0]);
			return -1;
		} else
			*what = argv[i];
	}
	if (!*what) {
		complain("usage: lguest %s [--run RUN] NAME (or RUN/NAME)", argv[0]);
		return -1;
	}
	return 0;
}

int lguest_list(int argc, char **argv)
{
	const char *run = NULL;
	char **ids, *one[1];
	int n, status = 0;

	if (argc == 3 && !strcmp(argv[1], "--run"))
		run = argv[2];
	else if (argc == 2 && !strncmp(argv[1], "--run=", 6))
		run = argv[1] + 6;
	else if (argc != 1) {
		complain("usage: lguest list [--run RUN]");
		return LGUEST_EXIT_USAGE;
	}
	if (run) {
		one[0] = (char *)run;
		ids = one;
		n = 1;
	} else if ((n = runs_find(&ids)) < 0) {
		return 1;
	}
	printf("%-8s %-16s %-8s %8s %10s %9s\n", "RUN", "NAME", "STATE", "MEMORY",
	       "CPU", "SWITCHES");
	for (int i = 0; i < n; i++) {
		char *answer = ask(ids[i], "list\n", NULL);

		if (!answer || answer_failed(ids[i], answer)) {
			status = 1;
			free(answer);
			continue;
		}
		for (char *line = answer, *next; *line; line = next) {
			char name[33], what[16];
			unsigned long long mem, cpu_ms, switches;

			next = line + strcspn(line, "\n");
			if (*next)
				*next++ = '\0';
			if (sscanf(line, "%32s %15s %llu %llu %llu", name, what, &mem, &cpu_ms,
				   &switches) != 5)
				continue;
			printf("%-8s %-16s %-8s %7lluM %9.2fs %9llu\n", ids[i], name, what,
			       mem >> 20, cpu_ms / 1000.0, switches);
		}
		free(answer);
	}
	return status;
}

int lguest_stop(int argc, char **argv)
{
	const char *run, *what, *name;
	char *id, request[64], *answer;

	if (client_args(argc, argv, &run, &what) < 0)
		return LGUEST_EXIT_USAGE;
	if (find_guest(what, run, &id, &name))
		return 1;
	snprintf(request, sizeof(request), "stop %s\n", name);
	answer = ask(id, request, NULL);
	if (!answer || answer_failed(id, answer))
		return 1;
	if (strncmp(answer, "ended ", 6)) {
		complain("run %s: %s: no word on how it ended", id, name);
		return 1;
	}
	complain("%s ended: %.*s", name, (int)strcspn(answer + 6, "\n"), answer + 6);
	free(answer);
	return 0;
}

/* A signal that ends an attached client leaves the terminal as it was. */
static void restore_and_die(int sig)
{
	terminal_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Attached: the user's keys to the Guest, the Guest's output to stdout,
 * until the detach key, the end of input, or the Guest's end. */
static int attached(int fd, const char *name)
{
	struct console_input ci = { .interactive = terminal_interactive(),
				    .detach_key = CTRL_RIGHT_BRACKET };
	int reading = 1;

	if (ci.interactive)
		complain("attached to %s; Ctrl-] (or Ctrl-A x) detaches", name);
	signal(SIGTERM, restore_and_die);
	signal(SIGHUP, restore_and_die);
	signal(SIGPIPE, SIG_IGN);
	terminal_raw();
	for (;;) {
		struct pollfd p[2] = { { fd, POLLIN, 0 }, { reading ? STDIN_FILENO : -1, POLLIN, 0 } };
		unsigned char in[1024], keys[sizeof(in) + 1];
		unsigned events;
		ssize_t n;

		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[0].revents) {
			n = read(fd, in, sizeof(in));
			if (n <= 0) {
				terminal_restore();
				complain("%s's console closed: the Guest or its run ended", name);
				return 0;
			}
			for (ssize_t done = 0, w; done < n; done += w) {
				w = write(STDOUT_FILENO, in + done, (size_t)(n - done));
				if (w <= 0) {
					terminal_restore();
					return 1;
				}
			}
		}
		if (p[1].revents) {
			n = read(STDIN_FILENO, in, sizeof(in));
			if (n <= 0)
				break;	/* the end of input detaches */
			n = (ssize_t)console_keys(&ci, in, (size_t)n, keys, &events);
			if (n > 0 && send(fd, keys, (size_t)n, MSG_NOSIGNAL) < 0)
				break;
			if (events & CONSOLE_HELP)
				complain("Ctrl-] or Ctrl-A x detaches, Ctrl-A Ctrl-A sends Ctrl-A");
			if (events & CONSOLE_QUIT)
				break;
		}
	}
	terminal_restore();
	if (ci.interactive)
		complain("detached from %s; it runs on", name);
	return 0;
}

int lguest_console(int argc, char **argv)
{
	const char *run, *what, *name;
	char *id, request[64], *answer;
	int fd, status;

	if (client_args(argc, argv, &run, &what) < 0)
		return LGUEST_EXIT_USAGE;
	if (find_guest(what, run, &id, &name))
		return 1;
	snprintf(request, sizeof(request), "console %s\n", name);
	answer = ask(id, request, &fd);
	if (!answer || answer_failed(id, answer))
		return 1;
	if (strcmp(answer, "ok\n")) {
		complain("run %s: %s: its console did not answer", id, name);
		return 1;
	}
	free(answer);
	status = attached(fd, name);
	close(fd);
	return status;
}
