/* printf-style formatting: see format.h. */
#include "format.h"
#include <lguest/types.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width,
		       int left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left)
		while (fill-- > 0)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

/* Digits of v in the given base, written backwards into the end of tmp. */
static char *digits(char *end, u64 v, unsigned base, int upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	*--end = '\0';
	do {
		*--end = set[v % base];
		v /= base;
	} while (v);
	return end;
}

int vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		char tmp[24], *s;
		int left = 0, width = 0, prec = -1, lng = 0;
		char pad = ' ';
		u64 v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			prec = 0;
			if (fmt[1] == '*') {
				prec = va_arg(ap, int);
				fmt += 2;
			} else {
				while (*++fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt - '0');
			}
		}
		while (*fmt == 'l') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			break;
		case 's':
			s = va_arg(ap, char *);
			if (!s)
				s = "(null)";
			{
				size_t n = 0;

				/* The precision first: s need not be NUL-terminated
				 * within it (a Guest's message at the end of its RAM). */
				while ((prec < 0 || (int)n < prec) && s[n])
					n++;
				put_padded(&o, s, n, width, left, ' ');
			}
			break;
		case 'd':
		case 'i': {
			long long sv = lng >= 2 ? va_arg(ap, long long)
						: va_arg(ap, int);
			int neg = sv < 0;

			v = neg ? -(u64)sv : (u64)sv;
			s = digits(tmp + sizeof(tmp), v, 10, 0);
			if (neg) {
				if (pad == '0') {
					put(&o, '-');
					width--;
				} else {
					*--s = '-';
				}
			}
			put_padded(&o, s, tmp + sizeof(tmp) - 1 - s, width,
				   left, left ? ' ' : pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			v = lng >= 2 ? va_arg(ap, unsigned long long)
				     : va_arg(ap, unsigned int);
			s = digits(tmp + sizeof(tmp), v, *fmt == 'u' ? 10 : 16,
				   *fmt == 'X');
			put_padded(&o, s, tmp + sizeof(tmp) - 1 - s, width,
				   left, left ? ' ' : pad);
			break;
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			s = digits(tmp + sizeof(tmp), v, 16, 0);
			put(&o, '0');
			put(&o, 'x');
			put_padded(&o, s, tmp + sizeof(tmp) - 1 - s,
				   (int)sizeof(void *) * 2, 0, '0');
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
