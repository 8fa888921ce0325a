/*
 * Where a run of several Guests can be found: its control socket,
 * RUN_DIR/ID, where RUN_DIR is $XDG_RUNTIME_DIR/lguest (or
 * /tmp/lguest-UID without it), a directory only its user may enter, and
 * ID is the run's lguest process.  lguest list, stop and console connect
 * there (run_control.c serves it).
 *
 * The socket goes when the run ends, however it ends: lguest removes it
 * on its way out, and a small process of its own waits for lguest's end
 * (the end of a pipe only lguest holds), so even a SIGKILL leaves nothing
 * behind.  A socket no one answers is a run that is over: runs_find()
 * removes it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "lguest.h"

static const char *run_dir(void)
{
	static char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	const char *xdg = getenv("XDG_RUNTIME_DIR");

	if (xdg && *xdg)
		snprintf(dir, sizeof(dir), "%s/lguest", xdg);
	else
		snprintf(dir, sizeof(dir), "/tmp/lguest-%u", (unsigned)getuid());
	return dir;
}

/* The run directory, made if need be: ours, and no one else's to enter. */
static int run_dir_ok(int make)
{
	const char *dir = run_dir();
	struct stat st;

	if (make && mkdir(dir, 0700) < 0 && errno != EEXIST) {
		complain("cannot make the run directory %s: %s", dir, strerror(errno));
		return -1;
	}
	if (lstat(dir, &st) < 0) {
		if (!make && errno == ENOENT)
			return 0;
		complain("the run directory %s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077)) {
		complain("the run directory %s is not a directory of yours that only "
			 "you may enter: remove it, or set XDG_RUNTIME_DIR", dir);
		return -1;
	}
	return 1;
}

static int socket_address(const char *id, struct sockaddr_un *a)
{
	*a = (struct sockaddr_un){ .sun_family = AF_UNIX };
	if ((size_t)snprintf(a->sun_path, sizeof(a->sun_path), "%s/%s", run_dir(), id) >=
	    sizeof(a->sun_path)) {
		complain("the run directory's path %s is too long for a socket", run_dir());
		return -1;
	}
	return 0;
}

/* The waiter: the run's socket removed when the pipe's other end, only
 * lguest's, closes.  It keeps nothing else of lguest's open, and no
 * signal the terminal sends the run stops it first. */
static void remove_when_closed(int pipe_end, const char *path)
{
	sigset_t none;

	setsid();
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int fd = 0; fd < 1024; fd++)
		if (fd != pipe_end)
			close(fd);
	while (read(pipe_end, &none, 1) != 0 && errno == EINTR)
		;
	unlink(path);
	_exit(0);
}

int run_listen(char *path, size_t size)
{
	struct sockaddr_un a;
	char id[16];
	int fd, ends[2];
	pid_t waiter;

	snprintf(id, sizeof(id), "%d", (int)getpid());
	if (run_dir_ok(1) < 0 || socket_address(id, &a) < 0)
		return -1;
	unlink(a.sun_path);	/* a run of the same id is long over */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 8) < 0) {
		complain("cannot make the run's socket %s: %s", a.sun_path, strerror(errno));
		return -1;
	}
	if (pipe2(ends, O_CLOEXEC) < 0 || (waiter = fork()) < 0) {
		unlink(a.sun_path);
		complain("cannot start the run's cleaner: %s", strerror(errno));
		return -1;
	}
	if (waiter == 0)
		remove_when_closed(ends[0], a.sun_path);
	close(ends[0]);	/* ends[1] stays open, unused, until we end */
	snprintf(path, size, "%s", a.sun_path);
	return fd;
}

int run_connect(const char *id)
{
	struct sockaddr_un a;
	int fd;

	if (socket_address(id, &a) < 0)
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		int e = errno;

		close(fd);
		/* No one listens: the run is over, its socket left behind. */
		if (e == ECONNREFUSED)
			unlink(a.sun_path);
		errno = e;
		return -1;
	}
	return fd;
}

static int by_number(const void *a, const void *b)
{
	return atoi(*(char *const *)a) - atoi(*(char *const *)b);
}

int runs_find(char ***ids)
{
	DIR *d;
	struct dirent *e;
	int n = 0, ok = run_dir_ok(0);

	*ids = NULL;
	if (ok <= 0)
		return ok;
	d = opendir(run_dir());
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		int fd;

		if (!e->d_name[0] || strspn(e->d_name, "0123456789") != strlen(e->d_name))
			continue;
		fd = run_connect(e->d_name);
		if (fd < 0)
			continue;
		close(fd);
		*ids = realloc(*ids, (size_t)(n + 1) * sizeof(**ids));
		if (!*ids)
			abort();
		(*ids)[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(*ids, (size_t)n, sizeof(**ids), by_number);
	return n;
}
