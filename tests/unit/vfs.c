/*
 * The VFS and the ram file system, natively: the path walk's rules (".",
 * "..", symlinks and their limit, trailing slashes, long names, mounts),
 * the namespace operations' errors as Linux gives them, file data in
 * pages with holes, budgets, and pipes.  Expected values are Linux's
 * (checked against this machine's kernel where they are errors).
 */
#include <string.h>
#include "check.h"
#include "fs/fs.h"
#include "fs/pipe.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "mm/kmalloc.h"

extern long kmalloc_budget;
extern int signals_sent[];

static struct inode *root;

static long walk(const char *path, int follow, struct inode **out)
{
	return path_walk(NULL, path, follow, out);
}

static struct inode *at(const char *path)
{
	struct inode *i = NULL;

	return walk(path, 1, &i) ? NULL : i;
}

static long mkdir_p(const char *path, u32 mode)
{
	struct inode *dir;
	const char *last;
	u32 len;
	int trailing;
	long err = path_parent(NULL, path, &dir, &last, &len, &trailing);

	return err ? err : vfs_mknod(dir, last, len, S_IFDIR | mode, 0, NULL);
}

static long symlink_p(const char *target, const char *path)
{
	struct inode *dir;
	const char *last;
	u32 len;
	int trailing;
	long err = path_parent(NULL, path, &dir, &last, &len, &trailing);

	return err ? err : vfs_symlink(dir, last, len, target);
}

static long unlink_p(const char *path)
{
	struct inode *dir;
	const char *last;
	u32 len;
	int trailing;
	long err = path_parent(NULL, path, &dir, &last, &len, &trailing);

	return err ? err : vfs_unlink(dir, last, len);
}

static long rmdir_p(const char *path)
{
	struct inode *dir;
	const char *last;
	u32 len;
	int trailing;
	long err = path_parent(NULL, path, &dir, &last, &len, &trailing);

	return err ? err : vfs_rmdir(dir, last, len);
}

static long rename_p(const char *from, const char *to)
{
	struct inode *od, *nd;
	const char *ol, *nl;
	u32 olen, nlen;
	int t;
	long err = path_parent(NULL, from, &od, &ol, &olen, &t);

	if (!err)
		err = path_parent(NULL, to, &nd, &nl, &nlen, &t);
	return err ? err : vfs_rename(od, ol, olen, nd, nl, nlen);
}

static long put_file(const char *path, const char *text)
{
	struct file *f;
	long err = vfs_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644, &f);

	if (err)
		return err;
	err = f->ops->write(f, text, (u32)strlen(text));
	file_put(f);
	return err;
}

static void test_walk(void)
{
	struct inode *i;
	char name[300];

	CHECK(mkdir_p("/a", 0755) == 0, "mkdir /a");
	CHECK(mkdir_p("/a/b", 0755) == 0, "mkdir /a/b");
	CHECK(mkdir_p("/a/b", 0755) == -EEXIST, "mkdir of an existing name: EEXIST");
	CHECK(mkdir_p("/x/y", 0755) == -ENOENT, "mkdir under a missing directory: ENOENT");
	CHECK(at("/a/b") && at("/a/b") == at("a/./b/../b/"), "./.. and a trailing slash");
	CHECK(at("/..") == root && at("/../../a") == at("/a"), ".. at the root stays");
	CHECK(at("//a///b") == at("/a/b"), "repeated slashes");
	CHECK(walk("", 1, &i) == -ENOENT, "the empty path: ENOENT");
	CHECK(put_file("/a/f", "hello") == 5, "a file");
	CHECK(walk("/a/f/", 1, &i) == -ENOTDIR, "a file with a trailing slash: ENOTDIR");
	CHECK(walk("/a/f/x", 1, &i) == -ENOTDIR, "a file as a directory: ENOTDIR");
	CHECK(walk("/a/nope/x", 1, &i) == -ENOENT, "through a missing name: ENOENT");
	memset(name, 'n', 256);
	name[0] = '/';
	name[257] = 0;
	CHECK(walk(name, 1, &i) == -ENAMETOOLONG, "a 256-byte name: ENAMETOOLONG");
	name[256] = 0;
	CHECK(walk(name, 1, &i) == -ENOENT, "a 255-byte name: only missing");

	current->cwd = at("/a");
	CHECK(at("b") == at("/a/b") && at("..") == root, "relative to the working directory");
	current->cwd = NULL;
}

static void test_symlinks(void)
{
	struct inode *i;
	char from[32], to[32];

	CHECK(symlink_p("b", "/a/lb") == 0, "symlink a/lb -> b");
	CHECK(symlink_p("/a/f", "/abs") == 0, "symlink /abs -> /a/f");
	CHECK(at("/a/lb") == at("/a/b"), "a relative target from the link's directory");
	CHECK(at("/abs") == at("/a/f"), "an absolute target");
	CHECK(walk("/a/lb", 0, &i) == 0 && S_ISLNK(i->mode), "not followed at the end when asked");
	CHECK(walk("/a/lb/", 0, &i) == 0 && S_ISDIR(i->mode), "a trailing slash follows it");
	CHECK(symlink_p("loop2", "/loop1") == 0 && symlink_p("loop1", "/loop2") == 0, "a loop");
	CHECK(walk("/loop1", 1, &i) == -ELOOP, "a loop: ELOOP");
	CHECK(walk("/loop1", 0, &i) == 0, "a loop not followed is a link");
	CHECK(symlink_p("/nowhere", "/dangling") == 0 && walk("/dangling", 1, &i) == -ENOENT,
	      "a dangling link: ENOENT");
	CHECK(symlink_p("", "/empty") == -ENOENT, "an empty target: ENOENT");
	/* A chain of 40 links resolves; 41 is too many. */
	CHECK(mkdir_p("/chain", 0755) == 0, "mkdir /chain");
	for (int n = 1; n <= 41; n++) {
		snprintf(from, sizeof(from), n == 1 ? "/a/f" : "/chain/%d", n - 1);
		snprintf(to, sizeof(to), "/chain/%d", n);
		symlink_p(from, to);
	}
	CHECK(at("/chain/40") == at("/a/f"), "40 links in a chain: followed");
	CHECK(walk("/chain/41", 1, &i) == -ELOOP, "41 links in a chain: ELOOP");
}

static void test_open(void)
{
	struct file *f;

	CHECK(vfs_open("/a/f", O_RDONLY | O_CREAT | O_EXCL, 0644, &f) == -EEXIST,
	      "O_CREAT|O_EXCL on an existing file: EEXIST");
	CHECK(vfs_open("/abs", O_RDONLY | O_NOFOLLOW, 0, &f) == -ELOOP, "O_NOFOLLOW: ELOOP");
	CHECK(vfs_open("/a/f", O_RDONLY | O_DIRECTORY, 0, &f) == -ENOTDIR, "O_DIRECTORY: ENOTDIR");
	CHECK(vfs_open("/a", O_WRONLY, 0, &f) == -EISDIR, "a directory for writing: EISDIR");
	CHECK(vfs_open("/a/new/", O_WRONLY | O_CREAT, 0644, &f) == -EISDIR,
	      "O_CREAT with a trailing slash: EISDIR");
	current->umask = 022;
	CHECK(vfs_open("/abs2", O_WRONLY | O_CREAT, 0666, &f) == 0 &&
	      f->inode->mode == (S_IFREG | 0644), "O_CREAT takes the umask off");
	file_put(f);
	CHECK(symlink_p("/made", "/tomade") == 0 && put_file("/tomade", "x") == 1 &&
	      at("/made") && at("/made")->size == 1, "O_CREAT through a dangling link makes its target");
	CHECK(vfs_open("/a/f", O_WRONLY | O_APPEND, 0, &f) == 0, "O_APPEND");
	f->pos = 0;
	CHECK(f->ops->write(f, "!", 1) == 1 && f->inode->size == 6, "appends at the end");
	file_put(f);
}

static void test_data(void)
{
	struct inode *i;
	struct file *f;
	char buf[8192];
	int zeros = 1;

	CHECK(vfs_open("/sparse", O_RDWR | O_CREAT, 0644, &f) == 0, "open /sparse");
	i = f->inode;
	CHECK(ramfs_write(i, "end", 3, 100000) == 3 && i->size == 100003, "a write past the end");
	CHECK(ramfs_read(i, buf, sizeof(buf), 90000) == 8192, "a read of the hole");
	for (int n = 0; n < 8192; n++)
		zeros &= buf[n] == 0;
	CHECK(zeros, "the hole reads as zeros");
	CHECK(ramfs_read(i, buf, 10, 99998) == 5 && !memcmp(buf, "\0\0end", 5),
	      "a read that ends at the end of the file");
	CHECK(ramfs_read(i, buf, 10, 100003) == 0, "a read at the end: 0");
	CHECK(ramfs_write(i, "abcdefgh", 8, 4094) == 8 && ramfs_read(i, buf, 8, 4094) == 8 &&
	      !memcmp(buf, "abcdefgh", 8), "across a page boundary");
	CHECK(vfs_truncate(i, 4096) == 0 && i->size == 4096, "truncate down");
	CHECK(vfs_truncate(i, 8192) == 0 && ramfs_read(i, buf, 4, 4096) == 4 &&
	      !memcmp(buf, "\0\0\0\0", 4), "truncate up: the cut bytes read as zeros");
	CHECK(vfs_truncate(i, 4095) == 0 && vfs_truncate(i, 4096) == 0 &&
	      ramfs_read(i, buf, 1, 4095) == 1 && buf[0] == 0, "within a page too");
	CHECK(vfs_truncate(at("/a"), 0) == -EISDIR, "truncate of a directory: EISDIR");
	file_put(f);

	/* A budget: a tmpfs of two pages takes two and no more. */
	struct superblock *sb = ramfs_new("tmpfs", "tmpfs", 8192);
	struct inode *small = inode_new(sb, S_IFREG | 0644);

	CHECK(dir_link(sb->root, "s", 1, small) == 0, "a file in a small tmpfs");
	CHECK(ramfs_write(small, buf, 8192, 0) == 8192, "fills its budget");
	CHECK(ramfs_write(small, buf, 1, 8192) == -ENOSPC, "then ENOSPC");
	CHECK(ramfs_write(small, buf, 10, 8190) == 2, "a write that half fits: short");
	kmalloc_budget = 0;
	CHECK(ramfs_write(at("/a/f"), buf, 1, 20000) == -ENOMEM && at("/a/f")->size == 6,
	      "no memory: ENOMEM, and the size stays");
	CHECK(mkdir_p("/nomem", 0755) == -ENOMEM, "no memory for an inode: ENOMEM");
	kmalloc_budget = -1;
	dir_unlink(sb->root, "s", 1);
	CHECK(sb->bytes_used == 0, "an unlinked file gives its pages back");
	kfree(sb->root);
	kfree(sb);
}

static void test_names(void)
{
	struct file *f;
	struct inode *i = at("/a/f");
	char buf[16];

	CHECK(unlink_p("/a") == -EISDIR, "unlink of a directory: EISDIR");
	CHECK(unlink_p("/a/zz") == -ENOENT, "unlink of nothing: ENOENT");
	CHECK(rmdir_p("/a") == -ENOTEMPTY, "rmdir of a full directory: ENOTEMPTY");
	CHECK(rmdir_p("/a/f") == -ENOTDIR, "rmdir of a file: ENOTDIR");
	CHECK(rmdir_p("/a/b/.") == -EINVAL, "rmdir of '.': EINVAL");
	CHECK(vfs_link(root, "hard", 4, i) == 0 && i->nlink == 2, "a hard link counts");
	CHECK(vfs_link(root, "hard", 4, i) == -EEXIST, "link onto a name: EEXIST");
	CHECK(vfs_link(root, "d", 1, at("/a")) == -EPERM, "link to a directory: EPERM");
	CHECK(at("/a")->nlink == 3, "a directory with one subdirectory has nlink 3");

	/* Unlinked while open: the data stays until the last close. */
	CHECK(vfs_open("/hard", O_RDONLY, 0, &f) == 0, "open /hard");
	CHECK(unlink_p("/hard") == 0 && unlink_p("/a/f") == 0 && i->nlink == 0, "both names gone");
	CHECK(at("/a/f") == NULL, "the name is gone");
	long got = f->ops->read(f, buf, sizeof(buf));
	CHECK(got == 6 && !memcmp(buf, "hello!", 6),
	      "the open file still reads");
	file_put(f);

	/* rename */
	CHECK(put_file("/a/b/r", "r") == 1 && rename_p("/a/b/r", "/r2") == 0 && at("/r2") &&
	      !at("/a/b/r"), "rename across directories");
	CHECK(rename_p("/a", "/a/b/c") == -EINVAL, "a directory into itself: EINVAL");
	CHECK(rename_p("/r2", "/a") == -EISDIR, "a file over a directory: EISDIR");
	CHECK(rename_p("/a/b", "/r2") == -ENOTDIR, "a directory over a file: ENOTDIR");
	CHECK(mkdir_p("/full", 0755) == 0 && mkdir_p("/full/x", 0755) == 0 &&
	      rename_p("/a/b", "/full") == -ENOTEMPTY, "over a full directory: ENOTEMPTY");
	CHECK(mkdir_p("/emptyd", 0755) == 0 && rename_p("/a/b", "/emptyd") == 0 &&
	      at("/emptyd/..") == root && root->nlink == at("/")->nlink, "over an empty directory");
	CHECK(rename_p("/emptyd", "/a/moved") == 0 && at("/a/moved/..") == at("/a"),
	      "a directory's .. follows it");
	CHECK(rename_p("/nothing", "/x") == -ENOENT, "rename of nothing: ENOENT");
}

static void test_mounts_and_cwd(void)
{
	struct superblock *tmp = ramfs_new("tmpfs", "tmpfs", 0);
	char buf[64];

	CHECK(mkdir_p("/tmp", 01777) == 0 && vfs_mount(at("/tmp"), tmp) == 0, "mount a tmpfs on /tmp");
	CHECK(at("/tmp") == tmp->root, "the walk enters the mount");
	CHECK(mkdir_p("/tmp/d", 0755) == 0 && at("/tmp/d/../..") == root, ".. leaves the mount");
	CHECK(vfs_link(at("/tmp"), "x", 1, at("/r2")) == -EXDEV, "a link across mounts: EXDEV");
	CHECK(rename_p("/r2", "/tmp/r2") == -EXDEV, "a rename across mounts: EXDEV");
	CHECK(rmdir_p("/tmp") == -EBUSY, "rmdir of a mount point: EBUSY");
	CHECK(vfs_path_of(at("/tmp/d"), buf, sizeof(buf)) == 7 && !strcmp(buf, "/tmp/d"),
	      "the path of a directory in a mount");
	CHECK(vfs_path_of(root, buf, sizeof(buf)) == 2 && !strcmp(buf, "/"), "the path of /");
	CHECK(vfs_path_of(at("/tmp/d"), buf, 6) == -ERANGE, "a short buffer: ERANGE");
	current->cwd = inode_get(at("/tmp/d"));
	CHECK(rmdir_p("/tmp/d") == 0, "rmdir of the working directory");
	CHECK(vfs_path_of(current->cwd, buf, sizeof(buf)) == -ENOENT, "its path: ENOENT");
	CHECK(mkdir_p("x", 0755) == -ENOENT, "a removed directory takes no names");
	inode_put(current->cwd);
	current->cwd = NULL;
}

static void test_pipes(void)
{
	static char buf[70000];
	struct file *r, *w;

	CHECK(pipe_create(O_NONBLOCK, &r, &w) == 0, "a pipe");
	CHECK(r->ops->read(r, buf, 10) == -EAGAIN, "empty, non-blocking: EAGAIN");
	CHECK(r->ops->poll(r) == 0 && w->ops->poll(w) == POLLOUT, "poll: writable only");
	CHECK(w->ops->write(w, buf, sizeof(buf)) == 65536, "a big write fills 64 KiB");
	CHECK(w->ops->write(w, buf, 1) == -EAGAIN, "then EAGAIN");
	CHECK(r->ops->poll(r) == POLLIN && w->ops->poll(w) == 0, "poll: readable only");
	CHECK(r->ops->read(r, buf, 100) == 100, "a partial read");
	CHECK(w->ops->write(w, buf, 200) == -EAGAIN, "a small write waits to go in whole");
	CHECK(w->ops->write(w, buf, 100) == 100, "one that fits goes in");
	CHECK(r->ops->read(r, buf, sizeof(buf)) == 65536, "a read takes all there is");
	memcpy(buf, "abc", 3);
	CHECK(w->ops->write(w, buf, 3) == 3, "write after wrap");
	file_put(w);
	CHECK(r->ops->poll(r) == (POLLIN | POLLHUP), "no writer: POLLHUP");
	CHECK(r->ops->read(r, buf + 10, 10) == 3 && !memcmp(buf + 10, "abc", 3), "the last bytes");
	CHECK(r->ops->read(r, buf, 10) == 0, "then end of file");
	file_put(r);

	CHECK(pipe_create(0, &r, &w) == 0, "another pipe");
	file_put(r);
	CHECK(w->ops->write(w, buf, 1) == -EPIPE && signals_sent[13] == 1, "no reader: EPIPE, SIGPIPE");
	file_put(w);
}

int main(void)
{
	CHECK(vfs_make_root() == 0, "an empty root");
	root = at("/");
	CHECK(root && S_ISDIR(root->mode) && root->nlink == 2, "/ is a directory");
	test_walk();
	test_symlinks();
	test_open();
	test_data();
	test_names();
	test_mounts_and_cwd();
	test_pipes();
	return check_done();
}
