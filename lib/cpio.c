/* The cpio newc push parser: see cpio.h. */
#include "cpio.h"
#include "kstring.h"

enum state {
	BETWEEN,	/* before a header: zero padding, or "0707..." */
	HEADER,		/* collecting the 110 header bytes */
	NAME,		/* collecting namesize bytes of name */
	NAME_PAD,	/* to the 4-byte boundary after the name */
	DATA,		/* left bytes of file data */
	DATA_PAD,	/* to the 4-byte boundary after the data */
};

/* The header's 13 fields after the magic, in order. */
enum field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	FIELDS
};

static u32 field_at(const struct cpio_parser *p, enum field f)
{
	return p->header_at + 6 + 8 * f;
}

static void fail(struct cpio_parser *p, const char *what, u32 offset)
{
	p->error = what;
	p->error_offset = offset;
}

void cpio_init(struct cpio_parser *p, const struct cpio_ops *ops, void *ctx,
	       u32 max_file_size, u32 offset)
{
	p->ops = ops;
	p->ctx = ctx;
	p->max_file_size = max_file_size;
	p->offset = offset;
	p->state = BETWEEN;
	p->error = NULL;
	p->error_offset = 0;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Check a complete header and take its fields.  Returns 0, or -1 with the
 * error set. */
static int parse_header(struct cpio_parser *p)
{
	u32 v[FIELDS];

	if (!memcmp(p->header, "070707", 6)) {
		fail(p, "old (odc) cpio archive: Linux needs -H newc", p->header_at);
		return -1;
	}
	if (memcmp(p->header, "070701", 6) && memcmp(p->header, "070702", 6)) {
		fail(p, "no cpio newc magic (070701)", p->header_at);
		return -1;
	}
	for (int f = 0; f < FIELDS; f++) {
		v[f] = 0;
		for (int i = 0; i < 8; i++) {
			int d = hex_digit(p->header[6 + 8 * f + i]);

			if (d < 0) {
				fail(p, "not a hex digit in a cpio header",
				     field_at(p, f) + i);
				return -1;
			}
			v[f] = v[f] << 4 | d;
		}
	}
	if (v[F_NAMESIZE] < 1 || v[F_NAMESIZE] > CPIO_PATH_MAX) {
		fail(p, "cpio name size not in 1..4096", field_at(p, F_NAMESIZE));
		return -1;
	}
	p->entry = (struct cpio_entry){
		.name = p->name,
		.ino = v[F_INO], .mode = v[F_MODE], .uid = v[F_UID],
		.gid = v[F_GID], .nlink = v[F_NLINK], .mtime = v[F_MTIME],
		.filesize = v[F_FILESIZE],
		.dev_major = v[F_DEVMAJOR], .dev_minor = v[F_DEVMINOR],
		.rdev_major = v[F_RDEVMAJOR], .rdev_minor = v[F_RDEVMINOR],
	};
	p->namesize = v[F_NAMESIZE];
	return 0;
}

/* Check the entry now that its name is known (the trailer's mode is 0). */
static int check_entry(struct cpio_parser *p)
{
	const struct cpio_entry *e = &p->entry;
	u32 type = e->mode & CPIO_S_IFMT;
	u32 name_at = p->header_at + CPIO_HEADER;

	if (p->name[p->namesize - 1] != '\0') {
		fail(p, "cpio name does not end with NUL", name_at + p->namesize - 1);
		return -1;
	}
	if (strlen(p->name) != p->namesize - 1) {
		fail(p, "NUL inside a cpio name", name_at + strlen(p->name));
		return -1;
	}
	p->trailer = !strcmp(p->name, "TRAILER!!!");
	if (p->trailer)
		return 0;
	switch (type) {
	case CPIO_S_IFREG:
		break;
	case CPIO_S_IFLNK:
		if (e->filesize == 0 || e->filesize >= CPIO_PATH_MAX) {
			fail(p, "cpio symlink target length not in 1..4095",
			     field_at(p, F_FILESIZE));
			return -1;
		}
		break;
	case CPIO_S_IFDIR: case CPIO_S_IFCHR: case CPIO_S_IFBLK:
	case CPIO_S_IFIFO: case CPIO_S_IFSOCK:
		if (e->filesize) {
			fail(p, "cpio entry with data is not a file or symlink",
			     field_at(p, F_FILESIZE));
			return -1;
		}
		break;
	default:
		fail(p, "unknown file type in a cpio mode", field_at(p, F_MODE));
		return -1;
	}
	if (e->filesize > p->max_file_size) {
		fail(p, "cpio file too large", field_at(p, F_FILESIZE));
		return -1;
	}
	return 0;
}

/* A caller's callback said no: its message, at the entry's header. */
static int refused(struct cpio_parser *p, const char *why)
{
	if (why)
		fail(p, why, p->header_at);
	return why ? -1 : 0;
}

/* The data is done (or there was none): pad, then the next entry. */
static void end_data(struct cpio_parser *p)
{
	p->state = DATA_PAD;
	if (p->trailer)
		refused(p, p->ops->trailer ? p->ops->trailer(p->ctx) : NULL);
	else
		refused(p, p->ops->end(p->ctx));
}

/* Take the steps that need no more bytes: so an entry whose name or data
 * ends the stream on a 4-byte boundary is whole, and cpio_finish() sees
 * it so. */
static void settle(struct cpio_parser *p)
{
	if (p->error || (p->offset & 3))
		return;
	if (p->state == NAME_PAD) {
		if (check_entry(p))
			return;
		p->left = p->entry.filesize;
		p->state = DATA;
		if (!p->trailer && refused(p, p->ops->begin(p->ctx, &p->entry)))
			return;
		if (p->left == 0)
			end_data(p);
	}
	if (p->state == DATA_PAD && !p->error)
		p->state = BETWEEN;
}

u32 cpio_feed(struct cpio_parser *p, const void *bytes, u32 len)
{
	const u8 *b = bytes;
	u32 i = 0, n = 0;

	while (i < len && !p->error) {
		switch (p->state) {
		case BETWEEN:
			if (b[i] != 0 && (b[i] != '0' || (p->offset & 3)))
				return i;
			if (b[i] == 0) {
				n = 1;
				break;
			}
			p->state = HEADER;
			p->have = 0;
			p->header_at = p->offset;
			continue;
		case HEADER:
			n = CPIO_HEADER - p->have;
			if (n > len - i)
				n = len - i;
			memcpy(p->header + p->have, b + i, n);
			p->have += n;
			if (p->have == CPIO_HEADER && parse_header(p) == 0) {
				p->state = NAME;
				p->have = 0;
			}
			break;
		case NAME:
			n = p->namesize - p->have;
			if (n > len - i)
				n = len - i;
			memcpy(p->name + p->have, b + i, n);
			p->have += n;
			if (p->have == p->namesize)
				p->state = NAME_PAD;
			break;
		case DATA:
			n = p->left < len - i ? p->left : len - i;
			if (!p->trailer && refused(p, p->ops->data(p->ctx, b + i, n)))
				return i;
			p->left -= n;
			if (p->left == 0)
				end_data(p);
			break;
		case NAME_PAD:
		case DATA_PAD:
			n = 1;	/* settle() leaves these states at a boundary */
			break;
		}
		i += n;
		p->offset += n;
		settle(p);
	}
	return i;
}

int cpio_finish(struct cpio_parser *p)
{
	if (p->error)
		return -1;
	/* A stream that ends in the padding after data lacks nothing. */
	if (p->state == BETWEEN || p->state == DATA_PAD)
		return 0;
	fail(p, p->state == HEADER ? "cpio archive cut short in a header" :
		p->state == DATA ? "cpio archive cut short in file data" :
		"cpio archive cut short in a name", p->offset);
	return -1;
}
